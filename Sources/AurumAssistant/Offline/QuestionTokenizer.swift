/// Splits a question into ``QuestionToken``s: words, numbers, quoted text and the few symbols that matter
/// (`%`, `>`, `<`, and `,`, which keeps "in March, 5 campaigns" from reading as March 5).
///
/// Other punctuation (`?`, `!`, `.`, `|`, parentheses) is dropped. Currency marks narrow the data and are kept:
/// `R$`, `US$`, `€` and `£` read as their ISO codes (`brl`, …); a bare `$` stays a symbol that no phrase reads.
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
                if end < characters.count, characters[end] == "$", let code = ["r": "brl", "us": "usd", "u": "usd"][folded] {
                    // R$ 100, US$ 100: the amount's currency, read as the currency's code (a filter).
                    tokens.append(QuestionToken(kind: .word, folded: code, original: text + "$"))
                    index = end + 1
                    continue
                }
                tokens.append(QuestionToken(kind: .word, folded: folded, original: text))
                index = end
            } else if let code = ["€": "eur", "£": "gbp"][character] {
                tokens.append(QuestionToken(kind: .word, folded: code, original: String(character)))
                index += 1
            } else if "%><,$".contains(character) {
                // A bare `$` is kept: it names no one currency (dollars? pesos? reais?), so it is refused, never dropped.
                tokens.append(QuestionToken(kind: .symbol, folded: String(character), original: String(character)))
                index += 1
            } else {
                index += 1
            }
        }
        return amountsBeforeCurrencyMarks(tokens)
    }

    /// "acima de R$ 20 mil" read as "acima de 20 mil R$": the mark moves after its amount (and the amount's
    /// multiplier word), so that the condition reads its number and the mark still reads as the currency filter.
    private static func amountsBeforeCurrencyMarks(_ tokens: [QuestionToken]) -> [QuestionToken] {
        var tokens = tokens
        var index = 0
        while index + 1 < tokens.count {
            let isMark = tokens[index].kind == .word && ["R$", "US$", "U$", "€", "£"].contains(tokens[index].original.uppercased())
            guard isMark, tokens[index + 1].kind == .number else {
                index += 1
                continue
            }
            var end = index + 2
            if end < tokens.count, tokens[end].kind == .word, PlaceholderReader.multipliers[tokens[end].folded] != nil { end += 1 }
            let mark = tokens.remove(at: index)
            tokens.insert(mark, at: end - 1)
            index = end
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
