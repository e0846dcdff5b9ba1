/// Days of the week without date functions: `(date - DATE '1900-01-01') % 7` is 0 on Mondays (1900-01-01 was a
/// Monday, and no ads data is older), 6 on Sundays. "Which weekday has the best ROAS?", "gasto por dia da semana"
/// group by it and label each day in the question's language; "weekend vs weekday" / "fim de semana vs dias úteis"
/// group Saturdays and Sundays apart from the rest.
enum Weekday {
    /// The day's index, Monday 0 … Sunday 6.
    static let index = "(date - DATE '1900-01-01') % 7"

    static let english = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let portuguese = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"]

    /// The label of each day: `CASE … WHEN 0 THEN 'Monday' … END`.
    static func label(_ language: QuestionLanguage) -> String {
        let names = language == .portuguese ? portuguese : english
        return "CASE \(index) " + names.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ") + " END"
    }

    /// Weekend or weekday: `CASE WHEN … >= 5 THEN 'weekend' ELSE 'weekday' END`.
    static func part(_ language: QuestionLanguage) -> String {
        let (weekend, weekday) = language == .portuguese ? ("fim de semana", "dia útil") : ("weekend", "weekday")
        return "CASE WHEN \(index) >= 5 THEN '\(weekend)' ELSE '\(weekday)' END"
    }
}
