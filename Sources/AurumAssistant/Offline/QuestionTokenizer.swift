/// Splits a question into ``QuestionToken``s: words, numbers, quoted text and the few symbols that matter
/// (`%`, `>`, `<`, and `,`, which keeps "in March, 5 campaigns" from reading as March 5).
///
/// Other punctuation (`?`, `!`, `.`, `|`, parentheses) is dropped; so are
/// currency marks (`R$`, `US$`, `$`), since amounts are in each account's currency anyway.
enum QuestionTokenizer {
    /// Quote characters and the characters that may close them.
    private static let quotes: [Character: Set<Character>] = [
        "'": ["'", "’"], "\"": ["\"", "”"], "‘": ["’", "'"], "“": ["”", "\""], "«": ["»"], "`": ["`"],
    ]

    static func tokens(_ question: String) -> [QuestionToken] {
        let characters = Array(question)
        var tokens: [QuestionToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if let closers = quotes[character], let end = closingQuote(characters, from: index + 1, closers: closers) {
                let text = String(characters[(index + 1)..<end])
                if !text.allSatisfy(\.isWhitespace) {
                    tokens.append(QuestionToken(kind: .quoted, folded: text, original: text))
                }
                index = end + 1
            } else if (character.isNumber && character.isASCII) || isNegativeNumber(characters, index) {
                // A minus sign is kept ("last -5 days" must not read as "last 5 days").
                var end = index + 1
                while end < characters.count {
                    let next = characters[end]
                    if next.isNumber, next.isASCII {
                        end += 1
                    } else if "-/.,:".contains(next), end + 1 < characters.count, characters[end + 1].isNumber, characters[end + 1].isASCII {
                        end += 2
                    } else {
                        break
                    }
                }
                let text = String(characters[index..<end])
                tokens.append(QuestionToken(kind: .number, folded: text, original: text))
                index = end
            } else if character.isLetter {
                var end = index + 1
                while end < characters.count {
                    let next = characters[end]
                    if next.isLetter || next.isNumber {
                        end += 1
                    } else if "'’".contains(next), end + 1 < characters.count, characters[end + 1].isLetter {
                        end += 2
                    } else {
                        break
                    }
                }
                let text = String(characters[index..<end])
                var folded = TextFolding.fold(text).replacingApostrophes()
                if folded.hasSuffix("'s") { folded.removeLast(2) }  // "what's", "campaign's"
                if end < characters.count, characters[end] == "$", ["r", "us", "u"].contains(folded) {
                    index = end + 1  // R$ 100, US$ 100
                    continue
                }
                tokens.append(QuestionToken(kind: .word, folded: folded, original: text))
                index = end
            } else if "%><,".contains(character) {
                tokens.append(QuestionToken(kind: .symbol, folded: String(character), original: String(character)))
                index += 1
            } else {
                index += 1
            }
        }
        return tokens
    }

    /// Whether a `-` at `index` starts a negative number: a digit follows and no letter or digit precedes.
    private static func isNegativeNumber(_ characters: [Character], _ index: Int) -> Bool {
        guard characters[index] == "-", index + 1 < characters.count, characters[index + 1].isNumber, characters[index + 1].isASCII else {
            return false
        }
        return index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber)
    }

    /// The index of the quote that closes one opened just before `start`: the first closer followed by the end,
    /// a space or punctuation (so that an apostrophe inside a name, "Mother's Day", does not close it).
    private static func closingQuote(_ characters: [Character], from start: Int, closers: Set<Character>) -> Int? {
        var index = start
        while index < characters.count {
            if closers.contains(characters[index]) {
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if !next.isLetter && !next.isNumber { return index }
            }
            index += 1
        }
        return nil
    }
}

extension String {
    /// `’` written as `'`, so that "what’s" and "what's" read alike.
    fileprivate func replacingApostrophes() -> String {
        String(map { $0 == "’" ? "'" : $0 })
    }
}
