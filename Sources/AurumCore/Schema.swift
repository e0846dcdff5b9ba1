/// One named, typed column of a table.
public struct Field: Sendable, Hashable {
    /// The column name, lower case, as the data contract spells it.
    public var name: String
    /// The column's type.
    public var type: DataType
    /// Whether the column may hold NULL.
    public var nullable: Bool
    /// Whether a DOUBLE column holds decimals of few places (money: 12.34), which a sum must add exactly as
    /// decimals rather than as binary doubles (the query engine's `sum` and `avg` then do, as the pipeline does).
    ///
    /// A hint to whoever sums the column, not part of its identity: two fields that differ only here are equal
    /// (and hash alike), so a store, which does not record it, still recognises a schema that declares it.
    public var decimal: Bool

    public init(_ name: String, _ type: DataType, nullable: Bool = false, decimal: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.decimal = decimal
    }

    public static func == (left: Field, right: Field) -> Bool {
        left.name == right.name && left.type == right.type && left.nullable == right.nullable
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(nullable)
    }
}

/// The ordered list of columns of a table or batch.
public struct Schema: Sendable, Hashable {
    /// The columns, in table order.
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The number of columns.
    public var count: Int { fields.count }

    /// The position of the column called `name` (case-insensitive), or nil.
    public func index(of name: String) -> Int? {
        let lowered = name.lowercased()
        return fields.firstIndex { $0.name == lowered }
    }

    /// The column called `name`, or nil.
    public func field(named name: String) -> Field? {
        index(of: name).map { fields[$0] }
    }

    /// The column names, in order.
    public var names: [String] { fields.map(\.name) }
}
