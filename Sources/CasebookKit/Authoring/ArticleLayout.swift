/// The parts of a cleaned article: page chrome to drop, the title, the publisher and date lines,
/// and the body. Works on the lines `ArticleCleaner` gives, keeping their line numbers.
struct ArticleLayout: Sendable {
    /// Why a line is not part of the article.
    enum Chrome: String, Sendable {
        case pageList = "newspaper page list"
        case navigation = "page navigation"
        case publishing = "publishing line"
        case credit = "editor credit"
        case byline = "byline"
        case column = "portal column"
        case breadcrumb = "breadcrumb"
    }

    struct RemovedLine: Sendable, Equatable {
        var line: Int
        var text: String
        var chrome: Chrome
    }

    /// A fact read from the article, with the line it came from.
    struct Found<Value: Sendable & Equatable>: Sendable, Equatable {
        var value: Value
        var line: Int
    }

    var removed: [RemovedLine] = []
    var title: Found<String>?
    /// Whether the title is the article's own headline, not a section heading or sentence standing in for one.
    var titleIsHeadline = false
    var sources: [Found<String>] = []
    /// Dates from publishing and byline lines: the article's own date.
    var publishedDates: [Found<String>] = []
    /// The body's lines, as (line number, text), empty lines left out.
    var body: [(line: Int, text: String)] = []

    init(lines: [String]) {
        var kept: [(line: Int, text: String)] = []
        for (index, text) in lines.enumerated() where !text.isEmpty {
            let number = index + 1
            if let chrome = classify(text, line: number, nearTop: kept.count < 8) {
                removed.append(RemovedLine(line: number, text: text, chrome: chrome))
            } else {
                kept.append((number, text))
            }
        }
        // The headline stands before the first paragraph; a line there that starts with the
        // publisher's name is the portal's column title.
        let leadEnd = kept.firstIndex { Self.isParagraph($0.text) } ?? kept.count
        var bodyStart = 0
        for (position, entry) in kept[..<leadEnd].enumerated() {
            if let source = sources.first?.value, entry.text.hasPrefix(source) {
                removed.append(RemovedLine(line: entry.line, text: entry.text, chrome: .column))
                bodyStart = position + 1
            } else if (4...48).contains(entry.text.count) {
                title = Found(value: entry.text, line: entry.line)
                titleIsHeadline = true
                bodyStart = position + 1
                break
            }
        }
        body = Array(kept[bodyStart...])
        if title == nil {
            if let heading = body.first(where: { Self.isHeading($0.text) }) {
                title = Found(value: heading.text, line: heading.line)
            } else if let first = body.first {
                title = Found(value: Self.firstSentence(of: first.text), line: first.line)
            }
        }
        removed.sort { $0.line < $1.line }
    }

    // MARK: Chrome

    private static let navigationWords: Set<String> = [
        "上一篇", "下一篇", "上一页", "下一页", "上一条", "下一条", "返回", "返回顶部", "返回首页", "返回列表", "打印", "打印本页",
        "纠错", "我要纠错", "投稿", "投稿须知", "关闭", "关闭窗口", "收藏", "分享", "分享到", "回复", "评论", "微信扫一扫",
        "扫一扫", "×", "X", "【", "】", "字号", "大", "中", "小", "默认", "点赞", "举报", "|",
        "字体", "视力保护色", "微信", "微博", "新浪微博", "腾讯微博", "QQ", "QQ空间", "朋友圈", "豆瓣", "人人网",
    ]

    /// The words of a line of buttons and labels: split at spaces, colons, brackets and bars.
    private static func controlWords(_ text: String) -> [Substring] {
        text.split(whereSeparator: { " 　:：【】[]|".contains($0) })
    }

    /// Labels of a portal's publishing line: `发布人:… 发布时间:2019-12-2 15:11 阅读人次:2064`.
    private static let publishingLabels = ["发布时间", "发布日期", "发布人", "来源", "阅读人次", "阅读次数", "浏览次数", "点击数", "浏览量", "作者"]

    private mutating func classify(_ text: String, line: Int, nearTop: Bool) -> Chrome? {
        if text.wholeMatch(of: #/[A-Z]{1,3}\d{1,3}版\s*[:：].{0,24}/#) != nil { return .pageList }
        // A portal's trail of sections, `首页 > 新闻中心 > 基层动态`, also after `当前位置：`.
        if text.count <= 80,
           text.wholeMatch(of: #/(?:(?:当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]\s*)?(?:[^\s>»›→/]{1,12}\s*(?:>>|>|»|›|→|/)\s*)+[^\s>»›→/]{1,12}/#) != nil,
           text.hasPrefix("首页") || text.contains(":") || text.contains("：") || text.contains(">") || text.contains("»") || text.contains("›") {
            return .breadcrumb
        }
        let words = Self.controlWords(text)
        if !words.isEmpty, words.allSatisfy({ Self.navigationWords.contains(String($0)) || $0.hasSuffix("来稿") && $0.count > 2 }) {
            for word in words where word.hasSuffix("来稿") {
                sources.append(Found(value: String(word.dropLast(2)), line: line))
            }
            return .navigation
        }
        if text.count <= 120, Self.publishingLabels.contains(where: { label in
            text.hasPrefix(label) && text.dropFirst(label.count).first.map { ":：".contains($0) } == true
        }) {
            if let match = text.firstMatch(of: #/来源\s*[:：]\s*([^\s:：]+)/#) { sources.append(Found(value: String(match.1), line: line)) }
            if let date = ArticleDates.full(in: text) { publishedDates.append(Found(value: date.description, line: line)) }
            return .publishing
        }
        if let match = text.wholeMatch(of: #/[(（]([^()（）]*?)(?:责任编辑|编辑|责编)\s*[:：/]([^()（）]*)[)）]/#) {
            let publisher = match.1.trimmingCharacters(in: .whitespaces)
            if !publisher.isEmpty { sources.append(Found(value: publisher, line: line)) }
            return .credit
        }
        if text.wholeMatch(of: #/(责任编辑|编辑|责编|审核|校对)\s*[:：].{1,30}/#) != nil { return .credit }
        if text.wholeMatch(of: #/(?:(?:本报)?(?:记者|通讯员|实习生)\s*\S{2,4}(?:\s+\S{2,4})*\s*)+/#) != nil, text.count <= 40 { return .credit }
        if nearTop, let match = text.wholeMatch(of: #/(\S{2,16})\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})/#),
           let date = ArticleDates.full(in: String(match.2)) {
            sources.append(Found(value: String(match.1), line: line))
            publishedDates.append(Found(value: date.description, line: line))
            return .byline
        }
        return nil
    }

    // MARK: Kinds of lines

    private static let sentenceEnds: Set<Character> = ["。", "！", "？", "!", "?", "…", "；", ";", "：", ":", "，", ",", "、"]

    /// A line of running text: it ends a sentence or is too long for a title.
    static func isParagraph(_ text: String) -> Bool {
        text.count > 48 || endsSentence(text)
    }

    /// A section heading: short, and not ending like a sentence.
    static func isHeading(_ text: String) -> Bool {
        (4...32).contains(text.count) && !endsSentence(text)
    }

    private static func endsSentence(_ text: String) -> Bool {
        var last = text.last
        // A closing quote or bracket ends a sentence when what it closes does.
        if let character = last, "”’」』）)".contains(character) { last = text.dropLast().last }
        return last.map { sentenceEnds.contains($0) } ?? false
    }

    /// The first sentence of `text`, at most 30 characters: a title of last resort.
    static func firstSentence(of text: String) -> String {
        let sentence = text.prefix { !"。！？!?".contains($0) }
        return String(sentence.prefix(30))
    }
}

/// Dates as Chinese web articles write them.
enum ArticleDates {
    /// The first complete date in `text`: `2022年12月16日`, `2019-12-2`, `2019/12/2`, `2019.12.2`.
    static func full(in text: String) -> CaseDate? {
        for match in text.matches(of: #/(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))/#) {
            guard let year = Int(match.1), let month = Int(match.2 ?? match.4 ?? ""), let day = Int(match.3 ?? match.5 ?? "") else { continue }
            if let date = CaseDate(CaseDate(year: year, month: month, day: day).description) { return date }
        }
        return nil
    }

    /// The first month and day written without a year (`4月12日`), as found.
    static func partial(in text: String) -> String? {
        for match in text.matches(of: #/(\d{1,2})\s*月\s*(\d{1,2})\s*日/#) {
            let before = text[..<match.range.lowerBound].suffix(6)
            if before.contains("年") { continue }
            return String(match.0)
        }
        return nil
    }
}
