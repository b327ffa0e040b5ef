/// A named link to a page: a term chip, a breadcrumb step, a previous/next case.
struct Link: TemplateContext, Sendable, Hashable {
    let name: String
    let path: String

    var fingerprint: UInt64 {
        var print = Fingerprint()
        print.add(name)
        print.add(path)
        return print.value
    }

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .name: .text(name)
        case .path: .text(path)
        default: nil
        }
    }
}

/// A case as it appears in lists. A class, since a card is handed to every list that shows it:
/// passing one on costs one retain, where a struct of its nine fields would cost nine.
final class CaseCard: TemplateContext, Sendable {
    let title: String
    let path: String
    let date: String
    /// `YYYY-MM-DD`, for the `datetime` attribute.
    let isoDate: String
    let place: String
    let summary: String?
    let mechanisms: [Link]
    let outcomes: [Link]

    init(title: String, path: String, date: String, isoDate: String, place: String, summary: String?, mechanisms: [Link], outcomes: [Link]) {
        (self.title, self.path, self.date, self.isoDate) = (title, path, date, isoDate)
        (self.place, self.summary, self.mechanisms, self.outcomes) = (place, summary, mechanisms, outcomes)
    }

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .title: .text(title)
        case .path: .text(path)
        case .date: .text(date)
        case .isoDate: .text(isoDate)
        case .place: .text(place)
        case .summary: summary?.templateValue
        case .mechanisms: mechanisms.templateValue
        case .outcomes: outcomes.templateValue
        default: nil
        }
    }
}

/// A case card in a list, with its HTML: `partials/case-card` made once per case and depth
/// (`SiteRenderer.listed`) and reused by every list at that depth, since a case appears in a
/// dozen lists. Templates place
/// it with `{{{html}}}`; the card's own fields are there too.
struct ListedCard: TemplateContext, Sendable {
    let card: CaseCard
    /// UTF-8, as the template renders it.
    let html: [UInt8]

    func value(_ key: TemplateKey) -> TemplateValue? {
        key == .html ? .bytes(html) : card.value(key)
    }
}

/// What `partials/case-card` sees when a card is rendered on its own.
struct CardFrame: TemplateContext {
    /// The root prefix as UTF-8, or a stand-in for it (`SiteRenderer.listed`).
    let root: [UInt8]
    let t: StringTable
    let card: CaseCard

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .root: .bytes(root)
        case .t: .object(t)
        default: card.value(key)
        }
    }
}
