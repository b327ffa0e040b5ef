import Foundation

/// What the layout (`base.mustache`) sees on every page: the parts that are the same on every
/// page at one folder depth (`FrameConstants`), and the page's title, menu and own part.
struct PageFrame: TemplateContext {
    let constants: FrameConstants
    let title: String
    let nav: [NavItem]
    /// What the page's template sees as `page`.
    let page: any TemplateContext

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .title: .text(title)
        case .nav: nav.templateValue
        case .page: .object(page)
        default: constants.value(key)
        }
    }
}

/// The frame's values that do not change between pages at one depth: the layout is specialized
/// for them once, so that a page renders only what is its own.
struct FrameConstants: TemplateContext {
    let lang: String
    let site: SiteSummary
    let t: StringTable
    /// `""`, `"../"`…: prefixed to every root-relative path in the templates.
    let root: String
    /// Whether `feed.xml` exists, for the `<link rel="alternate">`.
    let hasFeed: Bool
    /// The free pages in the menu.
    let pages: [Link]

    /// The frame's keys that differ from page to page.
    static let varying: Set<TemplateKey> = [.title, .nav, .page]

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .lang: .text(lang)
        case .site: .object(site)
        case .t: .object(t)
        case .root: .text(root)
        case .hasFeed: .flag(hasFeed)
        case .pages: pages.templateValue
        default: nil
        }
    }
}

/// The interface strings as templates see them (`{{t.key}}`), by interned key.
struct StringTable: TemplateContext, Sendable {
    private let values: [String?]

    init(_ strings: [String: String]) {
        var values: [String?] = []
        for (name, text) in strings {
            let id = Int(TemplateKey(name).id)
            if values.count <= id { values += Array(repeating: nil, count: id + 1 - values.count) }
            values[id] = text
        }
        self.values = values
    }

    func value(_ key: TemplateKey) -> TemplateValue? {
        let id = Int(key.id)
        return id < values.count ? values[id].map(TemplateValue.text) : nil
    }
}

struct SiteSummary: TemplateContext, Sendable {
    let title: String
    let description: String
    let look: SiteLook

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .title: .text(title)
        case .description: .text(description)
        case .logo: look.logo.map { .text("media/" + ($0.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0.path)) }
        case .accent: look.accent.map(TemplateValue.text)
        case .accentSoft: look.accent.map { .text(SiteLook.soft($0)) }
        case .footer: look.footer.map { .object(FooterLines(footer: $0)) }
        default: nil
        }
    }
}

/// The footer's lines as templates see them: each is absent when `site.yml` does not give it.
struct FooterLines: TemplateContext, Sendable {
    let footer: SiteLook.Footer

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .organisation: footer.organisation.map(TemplateValue.text)
        case .address: footer.address.map(TemplateValue.text)
        case .telephone: footer.telephone.map(TemplateValue.text)
        default: nil
        }
    }
}

/// A menu entry; `current` marks the section the page is in.
struct NavItem: TemplateContext, Sendable {
    let label: String
    let path: String
    let current: Bool

    func value(_ key: TemplateKey) -> TemplateValue? {
        switch key {
        case .label: .text(label)
        case .path: .text(path)
        case .current: .flag(current)
        default: nil
        }
    }
}
