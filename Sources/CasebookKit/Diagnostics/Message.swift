#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The language Casebook speaks to the person running it: its messages, hints and summaries.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh-Hans"
    case english = "en"

    /// The language of a run: `--lang` when given; otherwise English when the locale (`LC_ALL`,
    /// `LC_MESSAGES` or `LANG`, the first that is set) is English or the site's `language` is
    /// `en`; otherwise Chinese. The site's language is asked for only when neither the flag nor
    /// the locale decides.
    public static func chosen(flag: Language?, environment: [String: String], siteLanguage: () -> String?) -> Language {
        if let flag { return flag }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        if locale?.hasPrefix("en") == true || siteLanguage() == Language.english.rawValue { return .english }
        return .chinese
    }

    /// A language by the name a person gives it: `zh`, `zh-Hans`, `zh_CN`, `en`, `en_US`…
    public init?(named name: String) {
        let name = name.lowercased()
        if name.hasPrefix("zh") { self = .chinese } else if name.hasPrefix("en") { self = .english } else { return nil }
    }
}

/// A text Casebook says to a person, written in English where it is made, with the values it
/// shows kept apart, so that it can be said in the reader's language: `text(in:)` looks the
/// English up in `MessageCatalogue`.
///
/// A string literal with interpolations becomes a message: `"'\(key)' is empty"` has the template
/// `'{1}' is empty` and the value `key`. A value that is itself a message is said in the same
/// language; any other value is shown as it is.
public struct Message: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The English, with `{1}`, `{2}`, … where the values go: what the catalogue is keyed by.
    public let template: String
    /// What fills the places of the template, the first for `{1}`.
    public let values: [Value]

    /// What fills a place in the template.
    public enum Value: Sendable, Hashable {
        /// Shown as it is: a name, a path, a number, a line of the input.
        case text(String)
        /// Said in the message's language.
        case message(Message)
    }

    public init(stringLiteral value: String) {
        template = value
        values = []
    }

    public init(stringInterpolation: StringInterpolation) {
        template = stringInterpolation.template
        values = stringInterpolation.values
    }

    /// A message as it was made: for reading one back from the build cache.
    init(template: String, values: [Value]) {
        self.template = template
        self.values = values
    }

    /// A text that is not Casebook's own (what the operating system or a library says), shown as it is.
    public init(verbatim text: String) {
        template = "{1}"
        values = [.text(text)]
    }

    /// What another library says (libyaml's account of a syntax error), looked up in the
    /// catalogue as Casebook's own texts are: the common ones have their Chinese there.
    init(catalogued text: String) {
        template = text
        values = []
    }

    /// What the system says of the error number `code` (`strerror`): the common ones have their
    /// Chinese in the catalogue, the rest are shown as the system says them.
    static func systemError(_ code: Int32) -> Message { Message(catalogued: String(cString: strerror(code))) }

    public struct StringInterpolation: StringInterpolationProtocol {
        var template = ""
        var values: [Value] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            template.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { template += literal }

        public mutating func appendInterpolation(_ message: Message) { append(.message(message)) }

        public mutating func appendInterpolation(_ value: some Any) { append(.text(String(describing: value))) }

        /// An optional would show as `Optional(…)`: unwrap it first.
        @available(*, unavailable, message: "unwrap the optional: it would show as Optional(…)")
        public mutating func appendInterpolation<T>(_ value: T?) {}

        private mutating func append(_ value: Value) {
            values.append(value)
            template += "{\(values.count)}"
        }
    }

    /// The message in `language`: its catalogue entry, or its English where the entry is missing,
    /// with the values in their places.
    public func text(in language: Language) -> String {
        let pattern = language == .english ? template : MessageCatalogue.chinese[template] ?? template
        var text = ""
        Self.forEachPart(of: pattern) { part in
            switch part {
            case .literal(let literal): text += literal
            case .value(let number):
                switch values.indices.contains(number - 1) ? values[number - 1] : .text("") {
                case .text(let value): text += value
                case .message(let message): text += message.text(in: language)
                }
            }
        }
        return text
    }

    /// `items` one after another, separated by commas.
    public static func list(_ items: [Message]) -> Message {
        guard var listed = items.first else { return "" }
        for item in items.dropFirst() { listed = "\(listed), \(item)" }
        return listed
    }

    /// The message in English, as written in the code.
    public var english: String { text(in: .english) }

    public var description: String { english }

    /// Messages are the same when they say the same in English: a test or a check compares what
    /// is said, not how the message was put together.
    public static func == (left: Message, right: Message) -> Bool { left.english == right.english }

    public func hash(into hasher: inout Hasher) { hasher.combine(english) }

    /// A piece of a template: text, or the number of a value's place.
    enum Part: Equatable {
        case literal(Substring)
        case value(Int)
    }

    /// Cuts a template into text and places: `{` with digits and `}` is a place, anything else is text.
    static func forEachPart(of template: String, _ body: (Part) -> Void) {
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            let digits = rest[rest.index(after: open)...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.endIndex < rest.endIndex, rest[digits.endIndex] == "}", let number = Int(digits) else {
                body(.literal(rest[...open]))
                rest = rest[rest.index(after: open)...]
                continue
            }
            if open > rest.startIndex { body(.literal(rest[..<open])) }
            body(.value(number))
            rest = rest[rest.index(after: digits.endIndex)...]
        }
        if !rest.isEmpty { body(.literal(rest)) }
    }
}
