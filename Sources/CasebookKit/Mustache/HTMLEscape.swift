/// Appends values to a page's UTF-8 bytes, HTML-escaping `<`, `>`, `&`, `"` and `'` where the tag asks for it.
enum HTMLEscape {
    /// Appends `text` as UTF-8, escaped or as it is.
    static func append(_ text: String, escaped: Bool, to output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            if escaped { appendEscaped(bytes, to: &output) } else { output.append(contentsOf: bytes) }
        }
        if done == nil {
            // A bridged string without contiguous UTF-8: make a native copy once.
            var copy = text
            copy.withUTF8 { bytes in
                if escaped { appendEscaped(bytes, to: &output) } else { output.append(contentsOf: bytes) }
            }
        }
    }

    /// Copies the runs between special characters whole, and an entity for each special character.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            // Every special character lies in 0x22...0x3E; most bytes fail this first test.
            guard byte <= 0x3E, byte >= 0x22 else { continue }
            let entity: StaticString
            switch byte {
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// Appends `number` in decimal without building a string.
    static func append(_ number: Int, to output: inout [UInt8]) {
        if number < 0 { output.append(UInt8(ascii: "-")) }
        let start = output.count
        var magnitude = number.magnitude
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output[start...].reverse()
    }
}
