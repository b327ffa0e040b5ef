import CasebookKit
import Foundation

/// Reads arbitrary bytes the way a build reads a case file: decoding, front matter, YAML, fields,
/// then the Markdown body with every link and image resolved. Any trap, hang or runaway memory
/// use is a bug. libFuzzer calls this with mutated inputs (`scripts/fuzz.sh`).
@_cdecl("LLVMFuzzerTestOneInput")
public func readCaseFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let (study, _) = CaseStudyReader.read(path: "Content/cases/fuzz.md", bytes: bytes)
    if let study {
        _ = MarkdownRenderer().render(study.body) { reference in
            SitePath.sourceRelative(reference.destination, from: study.sourcePath).map { .replace($0) } ?? .keep
        }
    }
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
    return runFuzzerDriver(&count, &arguments) { data, size in readCaseFile(data, size) }
}
#else
/// Without libFuzzer this is a replay tool: `casebook-fuzz FILE…` runs each file through the same
/// entry point, to reproduce a crash the fuzzer saved.
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            _ = bytes.withUnsafeBufferPointer { readCaseFile($0.baseAddress, $0.count) }
            print("read \(path): no crash")
        }
    }
}
#endif
