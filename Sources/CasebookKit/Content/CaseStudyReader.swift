import Foundation

/// Turns a case file into a `CaseStudy`, reporting every problem in its front matter.
public enum CaseStudyReader {
    /// Reads a case file from its raw bytes: decoding, front matter, YAML and fields. Never traps,
    /// whatever the bytes; this is the entry point the fuzzer drives.
    public static func read(path: String, bytes: [UInt8]) -> (CaseStudy?, [Diagnostic]) {
        switch SourceReader.decode(path: path, bytes: bytes) {
        case .success(let file): return read(file)
        case .failure(let problem): return (nil, [problem])
        }
    }

    static let knownKeys = ["title", "date", "district", "mechanisms", "outcomes", "summary", "source",
                            "source_url", "figures", "slug", "draft"]
    static let requiredKeys = ["title", "date", "district", "mechanisms", "outcomes"]

    static func read(_ file: SourceFile) -> (CaseStudy?, [Diagnostic]) {
        let frontMatter: FrontMatter
        do {
            frontMatter = try FrontMatter.split(file)
        } catch {
            return (nil, [error])
        }
        var reader = YAMLReader(file: file, lineOffset: frontMatter.yamlFirstLine - 1)
        guard let root = reader.compose(frontMatter.yaml) else {
            if !reader.log.hasErrors {
                reader.log.add(file.error("the front matter is empty: a case needs \(requiredKeys.joined(separator: ", "))", line: 1))
            }
            return (nil, reader.log.diagnostics)
        }
        let pairs = reader.pairs(of: root, what: "the front matter")
        guard root.mapping != nil else { return (nil, reader.log.diagnostics) }
        reader.checkKeys(pairs, known: knownKeys)

        var study = CaseStudy(sourcePath: file.path, slug: "", title: "", date: CaseDate(year: 1, month: 1, day: 1),
                              district: [], mechanisms: [], outcomes: [], summary: nil, source: nil, sourceURL: nil,
                              figures: [], draft: false, body: frontMatter.body,
                              bodyFirstLine: frontMatter.bodyFirstLine, mentions: [:])
        study.slug = Slug.isValid(study.fileStem) ? study.fileStem : Slug.make(from: study.fileStem)
        study.frontMatterHash = Fingerprint(of: Array(frontMatter.yaml.utf8)).value
        var found = Set<String>()
        for (key, _, value) in pairs {
            switch key {
            case "title":
                guard let title = reader.text(value, key: key) else { break }
                study.title = title
                found.insert(key)
                reader.within(ContentLimits.titleLength, charactersOf: title, at: value,
                              { "'title' has \($0) characters, more than the \(ContentLimits.titleLength) allowed" },
                              hint: "keep the title short; the rest belongs in 'summary' or the body")
            case "date":
                guard let text = reader.text(value, key: key, allowNumber: true) else { break }
                if let date = CaseDate(text) {
                    study.date = date
                    found.insert(key)
                } else {
                    reader.error("'date' must be YYYY-MM-DD, found \"\(text)\"", at: value, hint: CaseDate.advice(for: text))
                }
            case "district":
                guard var names = reader.textList(value, key: key) else { break }
                if names.count == 1 {
                    names = names[0].split(whereSeparator: { "/›>".contains($0) })
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
                study.district = names
                noteMentions(names, of: value, in: &study, reader: &reader)
                reader.within(ContentLimits.districtLevels, names.count, at: value,
                              "'district' has \(names.count) levels, more than the \(ContentLimits.districtLevels) allowed",
                              hint: "list the places from the province down: 省, 市, 区, 街道, 社区")
                found.insert(key)
            case "mechanisms", "outcomes":
                guard let names = reader.textList(value, key: key) else { break }
                var seen = Set<String>()
                let unique = names.filter { seen.insert($0).inserted }
                if key == "mechanisms" { study.mechanisms = unique } else { study.outcomes = unique }
                noteMentions(names, of: value, in: &study, reader: &reader)
                reader.within(ContentLimits.terms, unique.count, at: value,
                              "'\(key)' has \(unique.count) names, more than the \(ContentLimits.terms) allowed",
                              hint: "keep the ones that matter most for this case")
                found.insert(key)
            case "summary":
                study.summary = reader.text(value, key: key)
                reader.within(ContentLimits.summaryLength, charactersOf: study.summary ?? "", at: value,
                              { "'summary' has \($0) characters, more than the \(ContentLimits.summaryLength) allowed" },
                              hint: "a summary is one or two sentences; the rest belongs in the body")
            case "source": study.source = reader.text(value, key: key)
            case "source_url":
                guard let url = reader.text(value, key: key) else { break }
                if let problem = webAddressProblem(url, key: key) {
                    reader.error(problem, at: value,
                                 hint: "give the full address of the article, such as https://example.org/news/1.html")
                } else {
                    study.sourceURL = url
                }
            case "figures": study.figures = readFigures(value, reader: &reader)
            case "slug":
                if let slug = reader.slug(value) { study.slug = slug }
            case "draft": study.draft = reader.bool(value, key: key) ?? false
            default: break
            }
        }
        let pairKeys = Set(pairs.map(\.key))
        if !pairKeys.contains("slug") { reader.checkSlug(fromFileName: study.slug, of: "case") }
        for key in requiredKeys where !pairKeys.contains(key) {
            reader.error("the case has no '\(key)'", at: root,
                         hint: "every case needs \(requiredKeys.joined(separator: ", ")) in its front matter")
        }
        return (reader.log.hasErrors ? nil : study, reader.log.diagnostics)
    }

    /// Where the value of `key` stands in the case file at `path`, which is read again: for
    /// messages about a case as a whole that point at one of its fields. Line 1 when it cannot be found.
    static func location(of key: String, inFileAt path: String, root: URL) -> SourceLocation {
        guard let file = try? SourceReader.read(root: root, path: path).get(), let (reader, value) = field(key, of: file) else {
            return SourceLocation(path: path, line: 1)
        }
        return reader.sourceLocation(of: value)
    }

    /// Whether a case file that could not be read as a whole still says `draft: true`.
    static func isMarkedDraft(_ file: SourceFile) -> Bool {
        guard let (found, value) = field("draft", of: file) else { return false }
        var reader = found
        return reader.bool(value, key: "draft") ?? false
    }

    /// The value of `key` in the front matter of `file`, and the reader that found it; nil when the
    /// front matter cannot be read or has no such key.
    private static func field(_ key: String, of file: SourceFile) -> (YAMLReader, YAMLNode)? {
        guard let frontMatter = try? FrontMatter.split(file) else { return nil }
        var reader = YAMLReader(file: file, lineOffset: frontMatter.yamlFirstLine - 1)
        guard let root = reader.compose(frontMatter.yaml), root.mapping != nil,
              let value = reader.pairs(of: root, what: "the front matter").first(where: { $0.key == key })?.value else { return nil }
        return (reader, value)
    }

    /// Notes where each name is first written, and checks its length there.
    private static func noteMentions(_ names: [String], of node: YAMLNode, in study: inout CaseStudy, reader: inout YAMLReader) {
        let items = node.sequence ?? [node]
        for (index, name) in names.enumerated() where study.mentions[name] == nil {
            let item = index < items.count ? items[index] : node
            study.mentions[name] = reader.sourceLocation(of: item)
            reader.checkName(name, at: item)
        }
    }

    private static func readFigures(_ node: YAMLNode, reader: inout YAMLReader) -> [Figure] {
        guard let items = node.sequence else {
            reader.error("'figures' must be a list", at: node,
                         hint: "write each figure as a line '- label: …' followed by 'value: …' (and optionally 'before:' and 'unit:')")
            return []
        }
        reader.within(ContentLimits.figures, items.count, at: node,
                      "'figures' has \(items.count) figures, more than the \(ContentLimits.figures) allowed",
                      hint: "keep the key numbers; the others can go in the body")
        var figures: [Figure] = []
        for item in items {
            let pairs = reader.pairs(of: item, what: "a figure")
            guard item.mapping != nil else { continue }
            reader.checkKeys(pairs, known: ["label", "value", "before", "unit"])
            var label: String?, value: String?, before: String?, unit: String?
            for (key, _, field) in pairs {
                switch key {
                case "label": label = reader.text(field, key: key)
                case "unit": unit = reader.text(field, key: key)
                case "value", "before":
                    guard let text = reader.text(field, key: key, allowNumber: true) else { break }
                    // What Double reads is ASCII, where a letter makes `inf`, `nan` or `1e3`.
                    if Double(text) == nil || text.utf8.contains(where: { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) }) {
                        reader.error("a figure's '\(key)' must be a number, found \"\(text)\"", at: field,
                                     hint: "put only the number here and the rest in 'unit', e.g. value: 20 and unit: 个")
                    } else if Double(text)?.isFinite != true {
                        // Beyond the largest number a chart or a change in percent can be worked out from.
                        reader.error("a figure's '\(key)' is too large to show: a number of \(text.count) characters", at: field,
                                     hint: "write it in a larger unit, e.g. value: 2.5 and unit: 亿元")
                    } else if key == "value" {
                        value = text
                    } else {
                        before = text
                    }
                default: break
                }
            }
            let keys = pairs.map(\.key)
            for key in ["label", "value"] where !keys.contains(key) {
                reader.error("a figure needs a '\(key)'", at: item, hint: "each figure has a 'label' and a 'value'")
            }
            if let label, let value {
                figures.append(Figure(label: label, value: value, before: before, unit: unit))
            }
        }
        return figures
    }
}

/// Why `address`, the value of `key`, cannot be linked as a web address, or nil when it can.
func webAddressProblem(_ address: String, key: String) -> Message? {
    guard address.hasPrefix("http://") || address.hasPrefix("https://") else {
        return "'\(key)' must be an http:// or https:// address, found \"\(address)\""
    }
    guard !address.contains(where: { $0.isWhitespace || "\"<>`".contains($0) }),
          let url = URL(string: address), let host = url.host, !host.isEmpty else {
        return "'\(key)' is not a well-formed web address, found \"\(address)\""
    }
    return nil
}
