/// A function a tag applies to the value it looks up, written as a call: `{{^empty(figures)}}`, `{{count(list)}}`.
enum TemplateTransform: String, CaseIterable, Sendable {
    case empty, count, first, last, reversed
    case uppercased, lowercased
    case equalzero, plusone, minusone, even, odd

    /// The transformed value; nil, as if the name were missing, when the transform does not apply to this kind of value.
    func apply(to value: TemplateValue) -> TemplateValue? {
        switch value {
        case .list(let list):
            switch self {
            case .empty: .flag(list.count == 0)
            case .count: .number(list.count)
            case .first: list.count == 0 ? nil : list.item(0)
            case .last: list.count == 0 ? nil : list.item(list.count - 1)
            case .reversed: .list(ReversedTemplateList(base: list))
            default: nil
            }
        case .text(let text):
            switch self {
            case .empty: .flag(text.isEmpty)
            case .uppercased: .text(text.uppercased())
            case .lowercased: .text(text.lowercased())
            default: nil
            }
        case .bytes(let bytes):
            apply(to: .text(String(decoding: bytes, as: UTF8.self)))
        case .number(let number):
            switch self {
            case .equalzero: .flag(number == 0)
            case .plusone: .number(number &+ 1)
            case .minusone: .number(number &- 1)
            case .even: .flag(number & 1 == 0)
            case .odd: .flag(number & 1 == 1)
            default: nil
            }
        case .flag, .object:
            nil
        }
    }
}

/// A list seen back to front, for `reversed(list)`.
private struct ReversedTemplateList: TemplateList {
    let base: any TemplateList

    var count: Int { base.count }

    func item(_ index: Int) -> TemplateValue { base.item(base.count - 1 - index) }
}
