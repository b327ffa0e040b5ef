/// A language's way of writing a date (`{y}年{m}月{d}日`, `{d}/{mm}/{y}`), read once and filled in
/// for each case by appending digits: every build writes the date of every case's card.
///
/// `{y}` is the year in at least four digits, `{m}` and `{d}` the month and day, `{mm}` and `{dd}`
/// the same in two digits; anything else is written as it stands.
struct DateFormat: Sendable {
    private enum Piece: Sendable {
        case text([UInt8])
        case year, month, day, twoDigitMonth, twoDigitDay
    }

    private let pieces: [Piece]

    /// `YYYY-MM-DD`, for `datetime` attributes and data files.
    static let iso = DateFormat("{y}-{mm}-{dd}")

    /// The year alone, as the statistics count cases by it.
    static let year = DateFormat("{y}")

    init(_ pattern: String) {
        let fields: [(name: String, piece: Piece)] = [("{y}", .year), ("{m}", .month), ("{d}", .day),
                                                       ("{mm}", .twoDigitMonth), ("{dd}", .twoDigitDay)]
        let bytes = Array(pattern.utf8)
        var pieces: [Piece] = []
        var text: [UInt8] = []
        var position = 0
        scan: while position < bytes.count {
            if bytes[position] == UInt8(ascii: "{") {
                for field in fields where bytes[position...].starts(with: field.name.utf8) {
                    if !text.isEmpty { pieces.append(.text(text)) }
                    text = []
                    pieces.append(field.piece)
                    position += field.name.utf8.count
                    continue scan
                }
            }
            text.append(bytes[position])
            position += 1
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        self.pieces = pieces
    }

    func text(of date: CaseDate) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(24)
        for piece in pieces {
            switch piece {
            case .text(let bytes): text += bytes
            case .year: Self.append(date.year, digits: 4, to: &text)
            case .month: Self.append(date.month, digits: 1, to: &text)
            case .day: Self.append(date.day, digits: 1, to: &text)
            case .twoDigitMonth: Self.append(date.month, digits: 2, to: &text)
            case .twoDigitDay: Self.append(date.day, digits: 2, to: &text)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `number` in decimal, with zeros in front up to `digits`. A date read from a case is never
    /// negative; one made in code may be, and is written with its sign.
    private static func append(_ number: Int, digits: Int, to text: inout [UInt8]) {
        guard number >= 0 else {
            text.append(UInt8(ascii: "-"))
            // The magnitude of Int.min does not fit an Int; no calendar reaches it.
            append(number == .min ? .max : -number, digits: digits, to: &text)
            return
        }
        var divisor = 1, count = 1
        while number / divisor >= 10 {
            divisor *= 10
            count += 1
        }
        for _ in count..<max(count, digits) { text.append(UInt8(ascii: "0")) }
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }
}
