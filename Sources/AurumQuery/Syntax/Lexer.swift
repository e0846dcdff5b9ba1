/// Splits query text into ``Token``s. Comments (`-- …` to end of line, `/* … */`) and white space are skipped.
public enum Lexer {
    public static func tokens(_ text: String) throws(QueryError) -> [Token] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func isWordStart(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        while index < bytes.count {
            let byte = bytes[index]
            let start = index
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "-") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count && bytes[index] != 10 { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "/") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count && !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                guard index + 1 < bytes.count else { throw .syntax(message: "unterminated /* comment", offset: start) }
                index += 2
                continue
            }
            if isWordStart(byte) {
                while index < bytes.count && (isWordStart(bytes[index]) || isDigit(bytes[index])) { index += 1 }
                tokens.append(Token(kind: .word(String(decoding: bytes[start..<index], as: UTF8.self)), start: start, end: index))
                continue
            }
            if isDigit(byte) || (byte == UInt8(ascii: ".") && index + 1 < bytes.count && isDigit(bytes[index + 1])) {
                var isDecimal = false
                while index < bytes.count && isDigit(bytes[index]) { index += 1 }
                if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
                    isDecimal = true
                    index += 1
                    while index < bytes.count && isDigit(bytes[index]) { index += 1 }
                }
                if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
                    var look = index + 1
                    if look < bytes.count && (bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-")) { look += 1 }
                    if look < bytes.count && isDigit(bytes[look]) {
                        isDecimal = true
                        index = look
                        while index < bytes.count && isDigit(bytes[index]) { index += 1 }
                    }
                }
                if index < bytes.count && isWordStart(bytes[index]) {
                    throw .syntax(message: "a number runs into a name here; put a space or an operator between them", offset: index)
                }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                if !isDecimal, let value = Int64(text) {
                    tokens.append(Token(kind: .integer(value), start: start, end: index))
                } else if let value = Double(text) {
                    tokens.append(Token(kind: .decimal(value, text), start: start, end: index))
                } else {
                    throw .syntax(message: "malformed number '\(text)'", offset: start)
                }
                continue
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                var value: [UInt8] = []
                index += 1
                var closed = false
                while index < bytes.count {
                    if bytes[index] == byte {
                        if index + 1 < bytes.count && bytes[index + 1] == byte {
                            value.append(byte)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    value.append(bytes[index])
                    index += 1
                }
                guard closed else {
                    throw .syntax(message: byte == UInt8(ascii: "'") ? "unterminated string: a ' is missing" : "unterminated quoted name: a \" is missing", offset: start)
                }
                let text = String(decoding: value, as: UTF8.self)
                tokens.append(Token(kind: byte == UInt8(ascii: "'") ? .string(text) : .quotedIdentifier(text), start: start, end: index))
                continue
            }
            let two = index + 1 < bytes.count ? String(decoding: bytes[index...(index + 1)], as: UTF8.self) : ""
            if ["<>", "!=", "<=", ">=", "||", "::"].contains(two) {
                tokens.append(Token(kind: .symbol(two), start: start, end: index + 2))
                index += 2
                continue
            }
            let single = String(decoding: [byte], as: UTF8.self)
            if "(),;.*+-/%=<>".contains(single) {
                tokens.append(Token(kind: .symbol(single), start: start, end: index + 1))
                index += 1
                continue
            }
            throw .syntax(message: "unexpected character '\(String(decoding: bytes[index..<min(index + 1, bytes.count)], as: UTF8.self))'", offset: start)
        }
        tokens.append(Token(kind: .end, start: bytes.count, end: bytes.count))
        return tokens
    }
}
