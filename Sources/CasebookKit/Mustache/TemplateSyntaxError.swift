/// A template Casebook cannot compile, with where the offending tag stands.
struct TemplateSyntaxError: Error, Equatable {
    var message: Message
    /// 1-based.
    var line: Int
    /// 1-based, in characters.
    var column: Int
}
