/// The JSON body of a chat-completions request (encoded with sorted keys, so that a request is reproducible).
struct ChatRequest: Encodable {
    var model: String
    var messages: [ChatMessage]
    var temperature: Double
    var responseFormat: ResponseFormat?

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature
        case responseFormat = "response_format"
    }
}

/// OpenAI's `response_format` for JSON-schema output:
/// `{"type": "json_schema", "json_schema": {"name", "strict", "schema"}}`.
public struct ResponseFormat: Encodable, Sendable {
    /// The named schema the reply must follow.
    public struct JSONSchema: Encodable, Sendable {
        public var name: String
        /// Whether the endpoint must follow the schema exactly (OpenAI's strict mode).
        public var strict: Bool
        public var schema: ObjectSchema
    }

    /// A JSON Schema for an object of string properties.
    public struct ObjectSchema: Encodable, Sendable {
        public var type: String
        public var properties: [String: PropertySchema]
        public var required: [String]
        public var additionalProperties: Bool
    }

    /// One property: its JSON type and what it holds.
    public struct PropertySchema: Encodable, Sendable {
        public var type: String
        public var description: String
    }

    /// `json_schema`.
    public var type: String
    public var jsonSchema: JSONSchema

    enum CodingKeys: String, CodingKey {
        case type
        case jsonSchema = "json_schema"
    }
}
