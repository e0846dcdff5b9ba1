import AurumPipeline
import AurumStorage
import ArgumentParser

/// `aurum verify`: read every file of the store and check every checksum.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check every segment, block, delete file and Bronze pack of the store against its checksum.")

    @OptionGroup var options: StoreOptions

    func run() throws {
        try Console.run {
            let store = try Store(directory: options.directory, mode: .read)
            let report = StoreVerifier.verify(store)
            let totals = Pipeline.totals(store.manifest)
            for problem in report.problems { Console.error(problem.description) }
            Console.print(
                "\(report.segments) segments, \(report.blocks) blocks, \(report.deleteFiles) delete files, \(report.blobPacks) Bronze packs, \(Console.grouped(report.bytes)) bytes checked: "
                    + (report.problems.isEmpty ? "OK" : "\(report.problems.count) PROBLEMS"))
            Console.print("Accounting: Bronze \(totals.bronzeRows) = Silver \(totals.silverRows) + quarantined \(totals.quarantineRows) + superseded \(totals.supersededRows): \(totals.identityHolds ? "holds" : "BROKEN")")
            if !report.problems.isEmpty || !totals.identityHolds { throw ExitCode.failure }
        }
    }
}
