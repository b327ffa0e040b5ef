import ArgumentParser
import CasebookKit
import Dispatch
import Foundation

/// `casebook`: builds community case bulletins into static sites.
@main
struct Casebook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "Build a static bulletin of community-governance cases from Markdown and YAML.",
        version: "casebook \(CasebookVersion.current)",
        subcommands: [Init.self, Build.self, Check.self, New.self, Serve.self, Import.self, Theme.self],
        defaultSubcommand: Build.self
    )
}

/// The site a command works on.
struct RootOption: ParsableArguments {
    @Option(name: .long, help: "The folder that holds Content/ and Templates/.")
    var root: String = "."

    @OptionGroup var language: LanguageOption

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true) }

    /// The language of this run's messages.
    var chosenLanguage: Language { language.chosen(root: rootURL) }

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            let problem: Message = "--root \(root) is not a folder"
            throw ValidationError(problem.text(in: language.chosen(root: nil)))
        }
    }

    /// A path below the root as the user would type it from here.
    func shown(_ path: String) -> String {
        root == "." ? path : rootURL.appendingPathComponent(path).relativePath
    }
}

/// `--lang`: the language of messages, hints and summaries.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: "The language of messages: zh (简体中文, the default) or en; otherwise English when LANG is English or site.yml says language: en.")
    var name: String?

    func validate() throws {
        // The language is not known yet: both say it.
        if let name, Language(named: name) == nil { throw ValidationError("--lang \(name): choose zh or en（请选择 zh 或 en）") }
    }

    /// The language of this run for the site at `root`, if there is one.
    func chosen(root: URL?) -> Language {
        Language.chosen(flag: name.flatMap(Language.init(named:)), environment: ProcessInfo.processInfo.environment,
                        siteLanguage: { root.flatMap(SiteConfig.declaredLanguage(root:)) })
    }
}

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @OptionGroup var location: RootOption

    @Flag(name: .long, help: "Also read cases marked `draft: true`.")
    var drafts = false

    @Flag(name: .long, help: "Treat every warning as an error.")
    var strict = false

    var rootURL: URL { location.rootURL }

    /// The language of this run's messages.
    var chosenLanguage: Language { location.chosenLanguage }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check Content/ and Templates/, then render them into a static site (Public/ by default).",
        discussion: """
            Nothing is written unless every check passes; the previous site stays as it was. A build \
            cache in the site's .casebook/ folder lets the next build skip what did not change: when \
            only case files changed, just the pages that show them are rendered again.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Where to write the site (default: <root>/Public).")
    var output: String?

    @Flag(name: .long, help: "Ignore the build cache and build everything.")
    var full = false

    func run() throws {
        Console.stopCleanlyOnSignals()
        let builder = SiteBuilder(root: site.rootURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
                                  includeDrafts: site.drafts, strict: site.strict)
        let console = Console(language: site.chosenLanguage)
        do {
            let report = try builder.build(useCache: !full)
            console.print(report.warnings)
            let seconds = String(format: "%.2f", report.timings.reduce(0) { $0 + $1.seconds })
            let steps = report.timings.map { step -> Message in "\(step.step) \(String(format: "%.2f", step.seconds))s" }
            let cases: Message = report.caseCount == 1 ? "1 case" : "\(report.caseCount) cases"
            console.say("built \(cases) into \(report.pageCount) pages and \(report.fileCount) files in \(builder.output.path) (\(seconds)s: \(Message.list(steps)))")
            console.printNotes(report.notes)
        } catch {
            console.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check content, vocabularies, templates, links and media; write nothing.",
        discussion: "Exits 0 when there are no errors and 1 when there are; --strict counts warnings as errors.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        let builder = SiteBuilder(root: site.rootURL, includeDrafts: site.drafts, strict: site.strict)
        let console = Console(language: site.chosenLanguage)
        do {
            let report = try builder.check()
            console.print(report.warnings)
            let cases: Message = report.caseCount == 1 ? "1 case" : "\(report.caseCount) cases"
            console.say("checked \(cases) and \(report.pageCount) pages: no errors")
            console.printNotes(report.notes)
        } catch {
            console.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new bulletin: settings, vocabularies, an about page and one example case.",
        discussion: """
            Writes Content/site.yml (every setting explained), Content/vocabularies/*.yml with a few \
            example terms, Content/pages/about.md, one example case marked as a draft, and a \
            .gitignore for the output. The bulletin builds at once. A folder that already holds a \
            Content/ folder is refused, and no file is ever replaced.
            """)

    @Argument(help: "The new bulletin's folder (created if need be; default: this folder).")
    var folder = "."

    @OptionGroup var language: LanguageOption

    func run() throws {
        let target = URL(fileURLWithPath: folder, isDirectory: true)
        let console = Console(language: language.chosen(root: nil))
        do {
            let outcome = try StarterBulletin.write(into: target)
            let shown = folder == "." ? "" : folder.contains(" ") ? "\"\(folder)\"" : folder
            console.say(shown.isEmpty ? "created the new bulletin (\(outcome.written.count) files)"
                            : "created the new bulletin in \(shown) (\(outcome.written.count) files)")
            for path in outcome.kept {
                console.say("kept the existing \(path) as it was; if need be, add /Public/ and /.casebook/ to it")
            }
            console.say("\nnext:")
            if !shown.isEmpty { print("  cd \(shown)") }
            // The commands line up with the comments after them, which in Chinese are two cells a character.
            console.say("  casebook serve --drafts     # preview in the browser, the example draft included")
            console.say("  casebook new \"A case title\" # start a new case in Content/cases/")
            console.say("  casebook build              # build the site into Public/, to copy onto a USB stick and read offline")
        } catch {
            console.print([error])
            throw ExitCode.failure
        }
    }
}

struct Theme: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The built-in theme: list its files, or copy them into Templates/ to change them.",
        discussion: """
            A site needs no Templates/ folder: the templates, interface strings and assets are \
            built in. A file put in Templates/ at the same path replaces the built-in one; \
            a strings file there changes only the strings it lists.
            """,
        subcommands: [List.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in theme's files, marking those the site replaces.")

        @OptionGroup var site: RootOption

        func run() {
            let theme = SiteTheme(root: site.rootURL)
            let console = Console(language: site.chosenLanguage)
            for path in BuiltinTheme.paths {
                if theme.isOverridden(path) { console.say("\(path)  (Templates/\(path))") } else { print(path) }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy built-in files into Templates/ for editing; an existing file is never replaced.")

        @Argument(help: "Files to copy, such as case.mustache assets/casebook.css (default: all).")
        var files: [String] = []

        @OptionGroup var site: RootOption

        func run() throws {
            let console = Console(language: site.chosenLanguage)
            do {
                let (written, kept) = try SiteTheme(root: site.rootURL).export(files)
                for path in written { print(site.shown("Templates/\(path)")) }
                for path in kept { console.say("kept \(site.shown("Templates/\(path)")), which is already there") }
            } catch {
                console.print([error])
                throw ExitCode.failure
            }
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new case: write Content/cases/<slug>.md with every field to fill in.",
        discussion: """
            The file is named after the title's pinyin and marked `draft: true`, so it is left out of \
            the site until it is finished. An existing file is never replaced.
            """)

    @Argument(help: "The case's title, such as 四方议事会解决小区充电难.")
    var title: String

    @Option(name: .long, help: "Where the case took place, largest area first: 甘肃省/天水市/秦州区.")
    var district: String?

    @Option(name: .long, help: "A mechanism from Content/vocabularies/mechanisms.yml (repeat for more).")
    var mechanism: [String] = []

    @Option(name: .long, help: "An outcome from Content/vocabularies/outcomes.yml (repeat for more).")
    var outcome: [String] = []

    @Option(name: .long, help: "The file name and address, instead of the title's pinyin.")
    var slug: String?

    @OptionGroup var site: RootOption

    func validate() throws {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            let problem: Message = "the title is empty"
            throw ValidationError(problem.text(in: site.language.chosen(root: nil)))
        }
    }

    /// Asks which place was meant, when someone is at the keyboard; otherwise stops and lists them.
    static func choose(among chains: [[String]], named name: String, console: Console) throws -> [String] {
        let listed = chains.enumerated().map { "  \($0.offset + 1). \($0.element.joined(separator: "/"))" }.joined(separator: "\n")
        let shared: Message = "\(name) is the name of \(chains.count) places:\n\(listed)"
        guard isatty(STDIN_FILENO) == 1 else {
            console.print([.error(shared, hint: "give the whole chain, such as --district \(chains[0].joined(separator: "/"))")])
            throw ExitCode.failure
        }
        console.say(shared)
        while true {
            console.say("enter a number (1–\(chains.count)): ", terminator: "")
            guard let line = readLine() else { throw ExitCode.failure }
            if let number = Int(line.trimmingCharacters(in: .whitespaces)), chains.indices.contains(number - 1) { return chains[number - 1] }
        }
    }

    func run() throws {
        let rootURL = site.rootURL
        let console = Console(language: site.chosenLanguage)
        let (vocabularies, problems) = ContentLoader.loadVocabularies(root: rootURL)
        var places = (district ?? "").split(whereSeparator: { "/›>,，、".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch NewCase.complete(district: places) {
        case .asGiven:
            break
        case .completed(let chain):
            console.say("district completed as \(chain.joined(separator: "/"))")
            places = chain
        case .choices(let chains):
            places = try Self.choose(among: chains, named: places[0], console: console)
        }
        let title = title.trimmingCharacters(in: .whitespaces)
        let (draft, warnings) = NewCase.draft(title: title, district: places, mechanisms: mechanism, outcomes: outcome,
                                              date: .today(), vocabularies: vocabularies)
        guard !warnings.contains(where: \.isError) else {
            console.print(problems + warnings)
            throw ExitCode.failure
        }
        do {
            let path = try draft.write(root: rootURL, slug: slug ?? CaseDraft.slug(for: title))
            console.print(problems + warnings)
            print(site.shown(path))
        } catch {
            console.print(problems + warnings + [error])
            throw ExitCode.failure
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build, serve it on this computer, rebuild and reload pages on every change.",
        discussion: """
            Watches Content/ and Templates/. A failed build is shown in the terminal and on the open \
            pages, and the last good site stays served until the error is fixed. The preview is built \
            into a folder of its own (not Public/), so drafts previewed with --drafts are never published \
            by accident. Stop with Ctrl-C.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The address to listen on; the default lets only this computer in.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Where to build the preview (default: a folder of your own in the system's temporary folder).")
    var output: String?

    func run() async throws {
        Console.stopCleanlyOnSignals()
        let rootURL = site.rootURL.standardizedFileURL
        let console = Console(language: site.chosenLanguage)
        do {
            let folder = try output.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? PreviewServer.defaultOutput(for: rootURL)
            let builder = SiteBuilder(root: rootURL, output: folder, includeDrafts: site.drafts, strict: site.strict)
            var server = PreviewServer(builder: builder, host: host, port: port)
            server.language = console.language
            console.say("building \(rootURL.path) into \(folder.path)")
            try await server.run { event in
                switch event {
                case .listening(let address):
                    console.say("serving at \(address) (Ctrl-C to stop)")
                case .built(let report, let seconds):
                    console.print(report.warnings)
                    let cases: Message = report.caseCount == 1 ? "1 case" : "\(report.caseCount) cases"
                    console.say("built \(cases) in \(String(format: "%.2f", seconds))s")
                    // The preview needs no feed: only the drafts are worth a line on every rebuild.
                    console.printNotes(BuildNotes(draftsLeftOut: report.notes.draftsLeftOut))
                case .failed(let failure):
                    console.print(failure.diagnostics)
                    console.say("the build failed; still serving the last good site")
                }
                fflush(nil)
            }
        } catch let problem as Diagnostic {
            console.print([problem])
            throw ExitCode.failure
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn articles copied from the web into draft cases.",
        discussion: """
            Each article is cleaned (decorative symbols, pinyin left after characters, Traditional \
            characters, page navigation and portal lines) and given front matter: its title, date and \
            publisher, and the district, mechanisms and outcomes the text names, with the evidence in \
            comments. What cannot be repaired is kept, marked in the draft and listed here. The draft \
            is printed, or with --write saved as Content/cases/<slug>.md with `draft: true`.
            """)

    @Argument(help: "Text files holding an article each, as copied from a web page.")
    var articles: [String]

    @Flag(name: .long, help: "Save each draft as Content/cases/<slug>.md instead of printing it; never replaces a file.")
    var write = false

    @Flag(name: .long, help: "Keep Traditional characters as they are.")
    var keepScript = false

    @OptionGroup(title: "The site whose vocabularies and districts are used, and where --write saves")
    var site: RootOption

    func run() throws {
        let console = Console(language: site.chosenLanguage)
        let (known, problems) = ArticleImport.Site.read(root: site.rootURL)
        console.print(problems)
        let importer = ArticleImport(cleaner: ArticleCleaner(simplify: !keepScript), site: known)
        var failed = false
        for article in articles {
            do {
                let (text, convertedFrom) = try ArticleText.read(file: article, shownAs: article).get()
                if let convertedFrom {
                    console.note("\(article): the article is in \(convertedFrom) (GBK); it was converted to UTF-8 to be read.")
                }
                let outcome = try importer.draft(from: text)
                console.print(outcome.warnings)
                console.note(outcome.summary)
                if write {
                    let path = try outcome.draft.write(root: site.rootURL, slug: CaseDraft.slug(for: outcome.draft.title),
                                                       hint: "the article may be imported already; run without --write to see the draft")
                    print(site.shown(path))
                } else {
                    if articles.count > 1 { print("==> \(article) <==") }
                    print(outcome.draft.text)
                }
            } catch {
                console.print([error])
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}

/// What a command says, in the language of its run: diagnostics to standard error, warnings
/// first, with a closing count, coloured on a terminal; summaries and notes.
struct Console {
    let language: Language

    func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let ordered = diagnostics.filter { !$0.isError } + diagnostics.filter(\.isError)
        var text = ordered.map { $0.rendered(colour: colour, in: language) }.joined(separator: "\n\n") + "\n\n"
        let errors = diagnostics.filter(\.isError).count, warnings = diagnostics.count - errors
        let errorCount: Message = errors == 1 ? "1 error" : "\(errors) errors"
        let warningCount: Message = warnings == 1 ? "1 warning" : "\(warnings) warnings"
        text += Message.list([errorCount, warningCount]).text(in: language) + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A summary line, on standard output.
    func say(_ message: Message, terminator: String = "\n") {
        Swift.print(message.text(in: language), terminator: terminator)
    }

    /// A line about what was done along the way, on standard error.
    func note(_ message: Message) {
        FileHandle.standardError.write(Data((message.text(in: language) + "\n").utf8))
    }

    /// What a build or check left out on purpose, each in a line after its summary: drafts, and
    /// the feed of a site without `base_url`. Not warnings: nothing is wrong, and `--strict` ignores them.
    func printNotes(_ notes: BuildNotes) {
        if notes.draftsLeftOut > 0 {
            say(notes.draftsLeftOut == 1 ? "left out 1 draft (marked draft: true); --drafts includes them"
                    : "left out \(notes.draftsLeftOut) drafts (marked draft: true); --drafts includes them")
        }
        if notes.feedLeftOut {
            say("no feed.xml or sitemap.xml: they need the address the bulletin is published at, base_url in Content/site.yml")
        }
    }

    nonisolated(unsafe) private static var signalSources: [DispatchSourceSignal] = []

    /// On Ctrl-C or `kill`, lets a build in progress remove its staging folder before exiting.
    static func stopCleanlyOnSignals() {
        // A queue of its own gets a thread even while rendering keeps every global worker busy.
        let queue = DispatchQueue(label: "casebook.signals")
        signalSources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                Interruption.stop()
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}

