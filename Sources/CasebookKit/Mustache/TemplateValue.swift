/// What a name stands for when a template looks it up.
enum TemplateValue {
    /// `{{x}}` HTML-escapes it, `{{{x}}}` and `{{&x}}` do not; a section over it pushes it, even when empty.
    case text(String)
    /// Text as UTF-8 bytes, such as the HTML cmark makes: as `text`, without a string made of it.
    case bytes([UInt8])
    /// Printed in decimal; a section over it pushes it, even 0.
    case number(Int)
    /// Printed `true` or `false`; a section renders once when true and pushes nothing.
    case flag(Bool)
    /// Prints nothing; a section pushes it, so its names are found first.
    case object(any TemplateContext)
    /// Prints nothing; a section renders once per item with the item pushed, and not at all when empty.
    case list(any TemplateList)
}

/// A value templates look names up in, such as a page.
protocol TemplateContext: TemplateValueConvertible {
    /// nil: this context has no such name; lookup goes on up the context stack.
    func value(_ key: TemplateKey) -> TemplateValue?
}

/// A sequence a section iterates over.
protocol TemplateList {
    var count: Int { get }
    func item(_ index: Int) -> TemplateValue
}

/// A Swift value a context can hand to a template as it is.
protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension TemplateContext {
    /// A context stands for itself; a context that stands for something else (a list at the root, say) says so.
    var templateValue: TemplateValue { .object(self) }
}

extension String: TemplateValueConvertible {
    var templateValue: TemplateValue { .text(self) }
}

extension Int: TemplateValueConvertible {
    var templateValue: TemplateValue { .number(self) }
}

extension Bool: TemplateValueConvertible {
    var templateValue: TemplateValue { .flag(self) }
}

extension Array: TemplateList where Element: TemplateValueConvertible {
    func item(_ index: Int) -> TemplateValue { self[index].templateValue }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    var templateValue: TemplateValue { .list(self) }
}
