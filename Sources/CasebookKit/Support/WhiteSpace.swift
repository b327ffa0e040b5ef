extension String {
    /// Without white space at either end: Unicode's White_Space characters, the same set as
    /// Foundation's `.whitespacesAndNewlines`, found without bridging to NSString.
    var trimmingWhiteSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhiteSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhiteSpace })!
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, answered without a property look-up for ASCII and for
    /// everything above U+3000, the last white space: every value of every front matter asks.
    var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20: true
        case 0..<0x80, 0x3001...: false
        default: properties.isWhitespace
        }
    }
}
