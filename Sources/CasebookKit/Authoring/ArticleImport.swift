import Foundation

/// `casebook import`: an article copied from the web, cleaned and turned into a draft case with
/// its title, date, publisher, district and terms proposed, and every doubt left as a comment.
public struct ArticleImport: Sendable {
    /// What the site already knows: its vocabularies and the districts its cases use.
    public struct Site: Sendable {
        public var vocabularies: [IndexKind: Vocabulary]
        public var districtPaths: [[String]]

        public init(vocabularies: [IndexKind: Vocabulary] = [:], districtPaths: [[String]] = []) {
            self.vocabularies = vocabularies
            self.districtPaths = districtPaths
        }

        /// The names of every term and place, as the site spells them (aliases, often Traditional, left out).
        var names: [String] {
            let terms = vocabularies.values.flatMap { $0.terms.map(\.name) }
            return Array(Set(terms + districtPaths.flatMap { $0 })).sorted()
        }

        /// Reads the vocabularies and every case's district under `root`. Cases that do not read
        /// cleanly are skipped: importing must work while the site has a broken file.
        public static func read(root: URL) -> (Site, [Diagnostic]) {
            let (vocabularies, problems) = ContentLoader.loadVocabularies(root: root)
            let paths = ContentLoader.markdownFiles(root: root, folder: "Content/cases").paths.parallelMap { path -> [String]? in
                guard case .success(let file) = SourceReader.read(root: root, path: path) else { return nil }
                return CaseStudyReader.read(file).0?.district
            }
            let districts = vocabularies[.districts]
            let known = paths.compactMap { $0 }.map { $0.map { districts?.canonicalName($0) ?? $0 } }
            return (Site(vocabularies: vocabularies, districtPaths: Array(Set(known)).sorted { $0.lexicographicallyPrecedes($1) }), problems)
        }
    }

    /// A draft and what the import has to say about it.
    public struct Outcome: Sendable {
        public var draft: CaseDraft
        /// Spots to check, located in the article.
        public var warnings: [Diagnostic]
        /// One line on what was repaired.
        public var summary: Message
    }

    public var cleaner = ArticleCleaner()
    public var site = Site()
    /// Mechanisms and outcomes proposed at most, the most mentioned first.
    public var termLimit = 3

    public init(cleaner: ArticleCleaner = ArticleCleaner(), site: Site = Site()) {
        self.cleaner = cleaner
        self.site = site
    }

    /// - Throws: when no text is left once the page's chrome is gone.
    public func draft(from article: SourceFile) throws(Diagnostic) -> Outcome {
        var cleaner = cleaner
        cleaner.knownNames += site.names
        let cleaned = cleaner.clean(article.text)
        let layout = ArticleLayout(lines: cleaned.lines)
        guard let title = layout.title else {
            throw .error("there is no article text here", at: SourceLocation(path: article.path, line: 1),
                         hint: layout.removed.isEmpty ? "copy the article's text into this file"
                             : "every line is page navigation or a credit; copy the article's own text too")
        }
        var warnings: [Diagnostic] = []
        func warn(_ message: Message, line: Int, column: Int = 1, hint: Message? = nil) {
            warnings.append(.warning(message, at: SourceLocation(path: article.path, line: line, column: column),
                                     sourceLine: article.line(line), hint: hint))
        }

        var draft = CaseDraft(title: title.value, date: nil)
        if !layout.titleIsHeadline {
            let what: Message = ArticleLayout.isHeading(title.value) ? "a section heading" : "the first sentence"
            draft.notes["title"] = ["标题：原文开头没有标题，暂用第 \(title.line) 行，请改写"]
            warn("no headline before the text; the title is \(what), from line \(title.line)", line: title.line,
                 hint: "write the case's own title in the draft")
        }

        let bodyText = ([title.value] + layout.body.map(\.text)).joined(separator: "\n")
        if let published = layout.publishedDates.first {
            draft.date = CaseDate(published.value)
        } else if let date = ArticleDates.full(in: bodyText), let line = layout.body.first(where: { ArticleDates.full(in: $0.text) != nil })?.line {
            draft.date = date
            draft.notes["date"] = ["日期：取自正文第 \(line) 行，请核对是否为发布日期"]
            warn("the date \(date) comes from the text, not from a publishing line", line: line, hint: "check that it is the article's date")
        } else if let partial = ArticleDates.partial(in: bodyText), let line = layout.body.first(where: { $0.text.contains(partial) })?.line {
            draft.notes["date"] = ["日期：原文只写了“\(partial)”，没有年份，请补全（YYYY-MM-DD）"]
            warn("the date \(partial) has no year; the draft's date is left empty", line: line,
                 hint: "find the year in the original page and fill in the date")
        } else {
            draft.notes["date"] = ["日期：原文没有日期，请补上（YYYY-MM-DD）"]
            warn("no date found; the draft's date is left empty", line: 1, hint: "fill in the date the article was published")
        }

        draft.source = layout.sources.first?.value
        if draft.source == nil { draft.notes["source"] = ["（可选）原文的发布单位；去掉行首的 # 再写"] }
        draft.notes["summary"] = ["（可选）一两句话，说清谁、用什么办法、解决了什么；去掉行首的 # 再写"]
        draft.notes["draft"] = ["导入的草稿：核对正文和上面的建议后删去这一行，才会发布"]

        let terms = ArticleTerms(text: ([title.value] + layout.body.map(\.text)).joined(separator: "\n"))
        let (district, places) = terms.district(known: site.districtPaths, vocabulary: site.vocabularies[.districts])
        draft.district = district
        if district.isEmpty {
            draft.notes["district"] = ["地区：文中没有找到认得的地名，请从省一级写起，例如 [甘肃省, 天水市, 秦州区]"]
            warn("no place found that the site's cases or vocabularies know", line: 1, hint: "fill in the district in the draft")
        } else {
            draft.notes["district"] = ["地区：文中提到 " + Self.list(places) + "；请核对"]
        }
        for kind in [IndexKind.mechanisms, .outcomes] {
            let found = site.vocabularies[kind].map(terms.mentions(of:)) ?? []
            let names = found.prefix(termLimit).map(\.name)
            if kind == .mechanisms { draft.mechanisms = names } else { draft.outcomes = names }
            draft.notes[kind.rawValue] = found.isEmpty
                ? [NewCase.fillInNote(kind, vocabulary: site.vocabularies[kind]) + "（文中没有找到）"]
                : ["文中出现 " + Self.list(found) + (found.count > names.count ? "；只列出了最多的 \(names.count) 个" : "")]
        }

        for span in cleaned.garbled {
            warn("garbled text kept as found: \"\(span.found)\"", line: span.line, column: span.column,
                 hint: "compare it with the original article; the draft marks the paragraph with a comment")
        }
        draft.body = Self.markdown(layout: layout, cleaned: cleaned, article: article.path)
        let summary: Message = "\(article.path): \(layout.removed.count) line(s) of page chrome removed, \(cleaned.symbolsRemoved) decorative symbol(s) removed, \(cleaned.pinyinRemoved) pinyin annotation(s) removed, \(cleaned.charactersSimplified) Traditional character(s) simplified, \(cleaned.garbled.count) garbled spot(s) flagged"
        return Outcome(draft: draft, warnings: warnings, summary: summary)
    }

    /// `四方议事会（6 处）、时间银行（5 处）`
    private static func list(_ mentions: [ArticleTerms.Mention]) -> String {
        mentions.map { mention in
            // A province or city the text leaves out comes from the division list above a county it names.
            guard mention.count > 0 else { return "\(mention.name)（文中未写，按行政区划补上）" }
            return "\(mention.name)（\(mention.count) \(mention.exact ? "处" : "句相关")）"
        }.joined(separator: "、")
    }

    // MARK: Body

    /// The body as Markdown: a comment on what was removed, then one paragraph per line, short
    /// lines between paragraphs as `##` headings, and a comment before each paragraph holding garbled text.
    static func markdown(layout: ArticleLayout, cleaned: ArticleCleaner.Cleaned, article: String) -> String {
        var blocks: [String] = []
        var report = ["casebook import: cleaned from \(article)"]
        var index = 0
        while index < layout.removed.count {
            let first = layout.removed[index]
            var last = index
            while last + 1 < layout.removed.count, layout.removed[last + 1].chrome == first.chrome,
                  first.chrome == .pageList { last += 1 }
            let lines = first.line == layout.removed[last].line ? "line \(first.line)"
                : "\(last - index + 1) lines between \(first.line) and \(layout.removed[last].line)"
            let shown = last > index ? "\(first.text) … \(layout.removed[last].text)" : first.text
            report.append("removed \(lines), \(first.chrome.rawValue): \(shown)")
            index = last + 1
        }
        blocks.append(comment(report))

        let body = layout.body.filter { !(layout.titleIsHeadline && $0.line == layout.title?.line) }
        var position = 0
        while position < body.count {
            // One or two short lines between paragraphs are a section heading (some papers set it on two lines).
            var end = position
            while end < body.count, end - position < 2, ArticleLayout.isHeading(body[end].text) { end += 1 }
            let previousIsParagraph = position > 0 && ArticleLayout.isParagraph(body[position - 1].text)
            let isHeading = end > position && previousIsParagraph && end < body.count && ArticleLayout.isParagraph(body[end].text)
            if !isHeading { end = position + 1 }
            let lines = body[position..<end]
            for span in cleaned.garbled where lines.contains(where: { $0.line == span.line }) {
                blocks.append(comment(["casebook import: garbled text kept as found on line \(span.line): \(span.found)",
                                       "compare it with the original article and rewrite this spot"]))
            }
            blocks.append((isHeading ? "## " : "") + lines.map { markdownEscaped($0.text) }.joined(separator: " "))
            position = end
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// An HTML comment, which cmark leaves out of the page; `--` cannot stand inside one.
    private static func comment(_ lines: [String]) -> String {
        let safe = lines.map { $0.replacingOccurrences(of: "--", with: "- -") }
        return safe.count == 1 ? "<!-- \(safe[0]) -->" : "<!--\n" + safe.joined(separator: "\n") + "\n-->"
    }

    /// Text that Markdown shows exactly as written: inline markup characters are escaped, and so is
    /// what would open a heading, quote or rule at the start of the line. List markers are kept.
    static func markdownEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<&".contains(character) { result.append("\\") }
            result.append(character)
        }
        if let first = result.first, "#>=+".contains(first) { result = "\\" + result }
        return result
    }
}
