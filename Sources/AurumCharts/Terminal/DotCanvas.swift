/// A grid of terminal cells to plot points and lines on: braille cells of 2×4 dots (U+2800 block) in Unicode,
/// one mark per cell in ASCII. Each cell remembers the last series drawn in it, for its colour (or mark).
struct DotCanvas {
    /// Cells across and down.
    let columns: Int
    let rows: Int
    /// Dots per cell across and down: 2×4 braille, 1×1 ASCII.
    let dotsAcross: Int
    let dotsDown: Int
    private var bits: [UInt8]
    private var owner: [Int]

    init(columns: Int, rows: Int, braille: Bool) {
        precondition(columns > 0 && rows > 0, "a canvas has cells")
        self.columns = columns
        self.rows = rows
        dotsAcross = braille ? 2 : 1
        dotsDown = braille ? 4 : 1
        bits = Array(repeating: 0, count: columns * rows)
        owner = Array(repeating: -1, count: columns * rows)
    }

    /// Dots across the whole canvas.
    var width: Int { columns * dotsAcross }
    /// Dots down the whole canvas.
    var height: Int { rows * dotsDown }

    /// The braille bit of the dot at (`x`, `y`) within its cell (Unicode's dot numbering: 1-2-3-7 down the
    /// left, 4-5-6-8 down the right).
    private static let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at (`x`, `y`) (0, 0 top left) for `series`; dots off the canvas are ignored.
    mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let cell = (y / dotsDown) * columns + x / dotsAcross
        bits[cell] |= dotsAcross == 2 ? Self.brailleBits[x % 2][y % 4] : 1
        owner[cell] = series
    }

    /// Sets the dots of the straight line from (`x0`, `y0`) to (`x1`, `y1`) (Bresenham's).
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), series: Int) {
        var x = start.x
        var y = start.y
        let dx = abs(end.x - x)
        let dy = -abs(end.y - y)
        let stepX = x < end.x ? 1 : -1
        let stepY = y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y, series: series)
            if x == end.x && y == end.y { return }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    /// Row `row` as text: braille characters (blank cells as spaces) or the series' ASCII marks, coloured by
    /// `glyphs`.
    func text(row: Int, glyphs: ChartGlyphs) -> String {
        var result = ""
        // Neighbouring cells of one series share one colour sequence.
        var run = ""
        var runSeries = -1
        func flush() {
            result += runSeries < 0 ? run : glyphs.coloured(run, series: runSeries)
            run = ""
        }
        for column in 0..<columns {
            let cell = row * columns + column
            let series = bits[cell] == 0 ? -1 : owner[cell]
            if series != runSeries {
                flush()
                runSeries = series
            }
            if series < 0 {
                run += " "
            } else if dotsAcross == 2 {
                run += Unicode.Scalar(0x2800 + UInt32(bits[cell])).map { String(Character($0)) } ?? " "
            } else {
                run.append(ChartGlyphs.asciiMarks[series % ChartGlyphs.asciiMarks.count])
            }
        }
        flush()
        return result
    }
}
