import CasebookKit
import Foundation

/// The repository's own templates and strings, which every input is rendered with; the fuzzer runs
/// in the repository's folder (`scripts/fuzz.sh`).
let site: SingleCaseSite = {
    do {
        return try SingleCaseSite(templatesOf: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    } catch {
        fatalError("casebook-fuzz renders with the Templates/ of the folder it runs in, and cannot read them:\n\(error)")
    }
}()

/// Takes arbitrary bytes the way a build takes a case file: decoding, front matter, YAML, fields,
/// then, for a case, every output a site of that one case has (its page with the Markdown body and
/// its key figures, the pages that list it, the statistics, the search's postings and texts, the
/// feed, sitemap and tables). The same bytes are also taken as the values of a case's fields, one
/// a line, which mutations change without breaking the front matter around them. Any trap, hang
/// or runaway memory use is a bug. libFuzzer calls this with mutated inputs (`scripts/fuzz.sh`).
@_cdecl("LLVMFuzzerTestOneInput")
public func renderCaseFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = site.render(path: "Content/cases/fuzz.md", bytes: bytes)
    _ = site.render(path: "Content/cases/fuzz.md", bytes: SingleCaseSite.caseFile(withFieldValues: bytes))
    return 0
}

#if FUZZING
/// libFuzzer's driver, from the runtime that `-sanitize=fuzzer` links in.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links every executable with its entry point named `<module>_main`, so the fuzzing build
/// provides that entry itself and hands over to libFuzzer's driver.
@_cdecl("casebook_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in renderCaseFile(data, size) }
}
#else
/// Without libFuzzer this is a replay tool: `casebook-fuzz FILE…` runs each file through the same
/// entry point, to reproduce a crash the fuzzer saved.
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            _ = bytes.withUnsafeBufferPointer { renderCaseFile($0.baseAddress, $0.count) }
            print("rendered \(path): no crash")
        }
    }
}
#endif
