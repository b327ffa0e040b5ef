import ArgumentParser
import CasebookKit
import Foundation

/// `casebook`: builds community case bulletins into static sites.
struct Casebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "Build a static bulletin of community-governance cases from Markdown and YAML.",
        subcommands: [Build.self],
        defaultSubcommand: Build.self
    )
}

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The folder that holds Content/ and Templates/.")
    var root: String = "."

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true) }

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--root \(root) is not a folder")
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render Content/ with Templates/ into a static site (Public/ by default).")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Where to write the site (default: <root>/Public).")
    var output: String?

    @Flag(name: .long, help: "Also build cases marked `draft: true`.")
    var drafts = false

    func run() throws {
        let builder = SiteBuilder(root: site.rootURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
                                  includeDrafts: drafts)
        do {
            let report = try builder.build()
            Console.print(report.warnings)
            let seconds = report.timings.reduce(0) { $0 + $1.seconds }
            let steps = report.timings.map { "\($0.step) \(String(format: "%.2f", $0.seconds))s" }.joined(separator: ", ")
            print("built \(report.caseCount) cases into \(report.pageCount) pages and \(report.fileCount) files in \(builder.output.path) (\(String(format: "%.2f", seconds))s: \(steps))")
        } catch {
            Console.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

/// Prints diagnostics to standard error, errors after warnings, with a closing count.
enum Console {
    static func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let ordered = diagnostics.filter { !$0.isError } + diagnostics.filter(\.isError)
        var text = ordered.map(\.description).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter(\.isError).count, warnings = diagnostics.count - errors
        text += "\(errors) error(s), \(warnings) warning(s)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}

Casebook.main()
