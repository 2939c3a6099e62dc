/// Named things found in an article body (never in the page tail).
public struct Entities: Sendable {
    /// People, with the titles written next to their names.
    public var people: [Person] = []
    /// Organisations.
    public var organizations: [Organization] = []
    /// Places.
    public var places: [Place] = []
    /// Party and State document references.
    public var documents: [DocumentReference] = []
    /// Quantities with units.
    public var figures: [Figure] = []

    /// No entities.
    public init() {}
}

/// A person.
public struct Person: Sendable, Equatable {
    /// The name as first written.
    public var name: String
    /// Titles as written, in order of first appearance.
    public var titles: [String]
    /// Offset of the first mention (Unicode scalars).
    public var offset: Int
}

/// An organisation.
public struct Organization: Sendable, Equatable {
    /// The name as first written.
    public var name: String
    /// Offset of the first mention.
    public var offset: Int
}

/// A place.
public struct Place: Sendable, Equatable {
    /// The name as written, with its kind word ("quận Hoàn Kiếm").
    public var name: String
    /// Its kind ("quận", "phường", "tỉnh/thành phố", "quốc gia", ...).
    public var kind: String
    /// Offset of the first mention.
    public var offset: Int
}

/// A reference to a Party or State document.
public struct DocumentReference: Sendable, Equatable {
    /// The reference as written ("Nghị quyết số 25-NQ/TW").
    public var text: String
    /// The document type ("Nghị quyết", "Quy chế").
    public var type: String
    /// Its number ("25", "15/2018"), or nil for a named document.
    public var number: String?
    /// The issuer code as written ("NQ/TW", "KL/TƯ", "NĐ-CP"), or nil.
    public var issuerCode: String?
    /// Offset of the first mention.
    public var offset: Int
}

/// A quantity with its unit ("24.254 mô hình").
public struct Figure: Sendable, Equatable {
    /// The figure as written.
    public var text: String
    /// Its value (the dot is the thousands separator, the comma the decimal one).
    public var value: Double
    /// The unit as written.
    public var unit: String
    /// Offset.
    public var offset: Int
}
