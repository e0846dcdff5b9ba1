/// Days of the week: `extract(isodow FROM date)` is 1 on Mondays … 7 on Sundays (ISO 8601, as DuckDB).
/// "Which weekday has the best ROAS?", "gasto por dia da semana" group by it and label each day in the question's
/// language (`dayname` names days in English only, so the label is a `CASE` over the number in both languages,
/// and the rows are ordered Monday first by the number); "weekend vs weekday" / "fim de semana vs dias úteis"
/// group Saturdays and Sundays apart from the rest.
enum Weekday {
    /// The day's number, Monday 1 … Sunday 7.
    static let index = "extract(isodow FROM date)"

    static let english = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let portuguese = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"]

    /// The label of each day: `CASE extract(isodow FROM date) WHEN 1 THEN 'Monday' … END`.
    static func label(_ language: QuestionLanguage) -> String {
        let names = language == .portuguese ? portuguese : english
        return "CASE \(index) " + names.enumerated().map { "WHEN \($0.offset + 1) THEN '\($0.element)'" }.joined(separator: " ") + " END"
    }

    /// Weekend or weekday: `CASE WHEN extract(isodow FROM date) >= 6 THEN 'weekend' ELSE 'weekday' END`.
    static func part(_ language: QuestionLanguage) -> String {
        let (weekend, weekday) = language == .portuguese ? ("fim de semana", "dia útil") : ("weekend", "weekday")
        return "CASE WHEN \(index) >= 6 THEN '\(weekend)' ELSE '\(weekday)' END"
    }
}
