/// The readable table and the JSON object.
enum Report {
    static let header = pad("benchmark", 42) + pad("rows", 11, right: true) + pad("ns/row", 9, right: true)
        + pad("min", 9, right: true) + pad("GB/s", 8, right: true) + pad("Mrow/s", 9, right: true) + "  counts        note"

    /// One row of the table.
    static func line(_ measurement: Measurement) -> String {
        pad(measurement.name, 42) + pad(String(measurement.rows), 11, right: true)
            + pad(format(measurement.medianNanosecondsPerRow, 3), 9, right: true)
            + pad(format(measurement.minimumNanosecondsPerRow, 3), 9, right: true)
            + pad(format(measurement.gigabytesPerSecond, 2), 8, right: true)
            + pad(format(measurement.millionRowsPerSecond, 1), 9, right: true)
            + "  " + pad(measurement.convention.rawValue, 14) + measurement.note
    }

    struct Roofline {
        var sumDouble: Double
        var memcpy: Double
        var read: Double?
        var ratio: Double { sumDouble / memcpy }
    }

    static func roofline(_ harness: Harness) -> Roofline? {
        guard let sum = harness.result(named: KernelBenchmarks.sumDoubleName),
            let copy = harness.result(named: Baselines.memcpyName)
        else { return nil }
        return Roofline(
            sumDouble: sum.gigabytesPerSecond, memcpy: copy.gigabytesPerSecond,
            read: harness.result(named: Baselines.readName)?.gigabytesPerSecond)
    }

    static func summary(_ harness: Harness, options: Options) -> String {
        var text = ""
        if let roofline = roofline(harness) {
            text += "\nroofline (medians): Double sum \(format(roofline.sumDouble, 2)) GB/s, memcpy \(format(roofline.memcpy, 2)) GB/s"
            text += " (bytes copied; \(format(2 * roofline.memcpy, 2)) GB/s moved)"
            if let read = roofline.read { text += ", read-only \(format(read, 2)) GB/s" }
            text += "\nDouble sum / memcpy = \(format(roofline.ratio, 2)) (target ≥ 0.60: \(roofline.ratio >= 0.6 ? "met" : "NOT met"))"
        }
        text += "\n\(options.repetitions) timed repetitions after one warm-up; ns/row is the median, min the fastest."
        text += "\nGB/s = counted bytes / median time: input = bytes the kernel reads (memcpy: bytes copied),"
        text += "\ndecoded = typed arrays produced, decompressed = bytes zstd produced. Blackhole \(hex(Blackhole.state))."
        return text
    }

    static func json(_ harness: Harness, machine: Machine, options: Options) -> String {
        var fields: [String] = []
        fields.append(
            "\"machine\": {\"cpu_model\": \(quoted(machine.cpuModel)), \"cores\": \(machine.cores), "
                + "\"memory_gb\": \(format(machine.memoryGigabytes, 1)), \"build\": \(quoted(machine.build)), "
                + "\"cpu_simd_flags\": [\(machine.simdFlags.map(quoted).joined(separator: ", "))], \"compiled_for\": \(quoted(machine.compiledFor))}")
        fields.append(
            "\"config\": {\"rows\": \(options.rows), \"decode_rows\": \(options.decodeRows), \"reps\": \(options.repetitions), "
                + "\"filter\": \(options.filter.map(quoted) ?? "null"), "
                + "\"gbps_convention\": \"counted bytes / median time; memcpy counts bytes copied (moved = 2x)\"}")
        if let roofline = roofline(harness) {
            fields.append(
                "\"roofline\": {\"sum_double_gbps\": \(number(roofline.sumDouble)), \"memcpy_gbps\": \(number(roofline.memcpy)), "
                    + "\"memcpy_moved_gbps\": \(number(2 * roofline.memcpy)), \"ratio\": \(number(roofline.ratio)), "
                    + "\"read_gbps\": \(roofline.read.map(number) ?? "null")}")
        } else {
            fields.append("\"roofline\": null")
        }
        let kernels = harness.results.map { measurement in
            "    {\"name\": \(quoted(measurement.name)), \"rows\": \(measurement.rows), "
                + "\"median_ns_per_row\": \(number(measurement.medianNanosecondsPerRow)), "
                + "\"min_ns_per_row\": \(number(measurement.minimumNanosecondsPerRow)), "
                + "\"gbps\": \(number(measurement.gigabytesPerSecond)), \"bytes\": \(measurement.bytes), "
                + "\"bytes_counted\": \(quoted(measurement.convention.rawValue)), \"note\": \(quoted(measurement.note))}"
        }
        fields.append("\"kernels\": [\n" + kernels.joined(separator: ",\n") + "\n  ]")
        fields.append("\"blackhole\": \(quoted(hex(Blackhole.state)))")
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    static func number(_ value: Double) -> String { value.isFinite ? format(value, 4) : "null" }

    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += "\\u" + pad(String(scalar.value, radix: 16), 4, right: true).replacingZeros()
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    /// Left padding spaces as zeros (for \u escapes).
    fileprivate func replacingZeros() -> String { String(map { $0 == " " ? "0" : $0 }) }
}

/// `value` with `decimals` digits after the point (no Foundation formatting needed).
func format(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(whole) }
    let digits = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
}
