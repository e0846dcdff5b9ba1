import AurumCLI
import CAurumAllocator

// Huge pages pay where a process reads a query's tens of megabytes afresh. An ingest, rebuild or export touches
// far more, and on a virtual machine whose host backs memory lazily its fresh huge pages were slower to clear
// than small ones (docs/ARCHITECTURE.md): only the commands that answer queries ask for them.
let answersQueries: Set<String> = ["query", "explain", "ask", "repl", "report", "insights"]
if aurum_keep_freed_memory() == 1, let command = CommandLine.arguments.dropFirst().first, answersQueries.contains(command) {
    _ = aurum_heap_in_huge_pages()
}
AurumCommand.main()
