/// What every message with a generated table can do.
extension VscoMessage {
    /// The dictionary view, keyed by proto name (`session_id`) or JSON name (`sessionId`).
    public func asDictionary(keys: KeyStyle = .jsonName) -> [String: Any] {
        DictionaryView.of(self, keys: keys)
    }

    /// The dictionary view with the fields in number order.
    public func asOrderedDictionary(keys: KeyStyle = .jsonName) -> OrderedFields {
        DictionaryView.ordered(self, keys: keys)
    }

    /// `asDictionary` without the fields marked `pii`, at every level.
    public func asRedactedDictionary(keys: KeyStyle = .jsonName) -> [String: Any] {
        DictionaryView.of(self, keys: keys, redact: true)
    }

    /// This message as JSON: canonical proto3 JSON, or the legacy forms `options` choose;
    /// `types` are the messages an `Any` may hold.
    public func toLegacyJson(_ options: JsonOptions = .canonical, types: TypeRegistry = .empty)
        throws(JsonError) -> String
    {
        try LegacyJson.write(self, options: options, types: types)
    }

    /// The vendor properties of this event for `profile` (`.firebase`...), without `pii`
    /// fields.
    public func vendorProperties(_ profile: Profile) throws(VendorError) -> VendorProperties {
        try Vendor.properties(self, profile)
    }

    /// `vendorProperties` with `pii` fields: the caller has the user's consent.
    public func vendorPropertiesWithPii(_ profile: Profile) throws(VendorError)
        -> VendorProperties
    {
        try Vendor.propertiesWithPii(self, profile)
    }
}
