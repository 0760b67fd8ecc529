/// A vendor's rules for event names and properties: the Rust runtime's `vendor::Profile`, knob
/// for knob. Use a built-in (`.firebase`, `.mixpanel`, `.amplitude`, `.segment`, `.braze`) or
/// change a copy of one with `Profile.builder(_:base:)` and `build()`, which checks it.
public struct Profile: Sendable, Equatable {
    public enum KeyCase: Sendable { case asIs, snake, camel }
    /// Nested messages as `parent<separator>child` keys, or as nested objects.
    public enum Nesting: Sendable { case flatten, objects }
    /// Any character, or ASCII letters, digits and `_` (others become `_`).
    public enum KeyCharset: Sendable { case any, word }
    /// Repeated fields as a list, one joined string, or `key<separator>0`, `key<separator>1`...
    public enum Repeated: Sendable { case list, joined, indexed }
    /// Map fields as an object, or as `key<separator><map key>` properties.
    public enum Maps: Sendable { case object, prefixedKeys }
    /// Booleans as booleans, as 1 and 0, or as `"true"` and `"false"`.
    public enum Bools: Sendable { case bool, int, string }
    /// uint64 values: an integer when they fit 63 bits (else a string), a string, or a double.
    public enum U64s: Sendable { case intOrString, string, double }
    public enum Bytes: Sendable { case base64, hex, omit }
    public enum Timestamps: Sendable { case rfc3339, epochMillis, epochSeconds }
    public enum Durations: Sendable { case seconds, millis, string }
    /// What a length limit counts.
    public enum LengthUnit: Sendable {
        /// Unicode scalar values.
        case chars
        /// UTF-16 code units (what Firebase's Android and iOS SDKs count).
        case utf16
        /// UTF-8 bytes.
        case bytes

        public func length(_ s: String) -> Int {
            switch self {
            case .chars: return s.unicodeScalars.count
            case .utf16: return s.utf16.count
            case .bytes: return s.utf8.count
            }
        }

        /// The longest prefix of `s` of at most `max` units that splits no character.
        public func prefix(_ s: String, _ max: Int) -> String {
            var used = 0
            var end = s.unicodeScalars.startIndex
            for (i, c) in zip(s.unicodeScalars.indices, s.unicodeScalars) {
                let w: Int
                switch self {
                case .chars: w = 1
                case .utf16: w = c.value >= 0x10000 ? 2 : 1
                case .bytes: w = c.utf8.count
                }
                if used + w > max {
                    end = i
                    return String(s.unicodeScalars[..<end])
                }
                used += w
            }
            return s
        }
    }
    /// What a violation (a value too long, too many properties, a bad key...) does.
    public enum OnViolation: Sendable { case truncate, drop, error }
    public enum Builtin: Sendable { case firebase, mixpanel, amplitude, segment, braze }

    public let name: String
    /// The built-in this is, or nil for a custom profile.
    public let builtin: Builtin?
    public let keyCase: KeyCase
    public let nesting: Nesting
    public let separator: Character
    public let keyCharset: KeyCharset
    /// Characters keys may hold besides ASCII letters, digits and `_` under `.word`.
    public let extraKeyChars: String
    public let keyStartsWithLetter: Bool
    /// Leading characters removed from keys (Firebase `_`, Braze `$`).
    public let stripLeading: String
    /// 0: no limit (also for the other limits).
    public let maxKeyLength: Int
    /// The unit key and event name lengths count in (Mixpanel: characters).
    public let keyLengthUnit: LengthUnit
    public let reservedPrefixes: [String]
    public let reservedKeys: [String]
    public let maxEventNameLength: Int
    public let reservedEventNames: [String]
    public let bools: Bools
    public let u64s: U64s
    public let maxStringLength: Int
    public let lengthUnit: LengthUnit
    public let maxProperties: Int
    public let maxDepth: Int
    public let repeated: Repeated
    public let joinSeparator: String
    public let maps: Maps
    public let bytes: Bytes
    public let timestamps: Timestamps
    public let durations: Durations
    public let onViolation: OnViolation
    /// The member names of the vendor's HTTP event: `{"<name key>": ..., "<properties key>": {...}}`.
    public let shapeNameKey: String
    public let shapePropertiesKey: String

    fileprivate init(_ b: Builder) {
        name = b.name
        builtin = b.builtin
        keyCase = b.keyCase
        nesting = b.nesting
        separator = b.separator
        keyCharset = b.keyCharset
        extraKeyChars = b.extraKeyChars
        keyStartsWithLetter = b.keyStartsWithLetter
        stripLeading = b.stripLeading
        maxKeyLength = b.maxKeyLength
        keyLengthUnit = b.keyLengthUnit
        reservedPrefixes = b.reservedPrefixes
        reservedKeys = b.reservedKeys
        maxEventNameLength = b.maxEventNameLength
        reservedEventNames = b.reservedEventNames
        bools = b.bools
        u64s = b.u64s
        maxStringLength = b.maxStringLength
        lengthUnit = b.lengthUnit
        maxProperties = b.maxProperties
        maxDepth = b.maxDepth
        repeated = b.repeated
        joinSeparator = b.joinSeparator
        maps = b.maps
        bytes = b.bytes
        timestamps = b.timestamps
        durations = b.durations
        onViolation = b.onViolation
        shapeNameKey = b.shapeNameKey
        shapePropertiesKey = b.shapePropertiesKey
    }

    func allows(_ c: Unicode.Scalar) -> Bool {
        keyCharset == .any
            || (c.isASCII
                && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
                    || c == "_"))
            || extraKeyChars.unicodeScalars.contains(c)
    }

    /// A custom profile starting from `base`'s settings.
    public static func builder(_ name: String, base: Profile) -> Builder {
        var b = Builder(base)
        b.name = name
        b.builtin = nil
        return b
    }

    /// A profile being configured; `build()` checks it.
    public struct Builder: Sendable {
        public var name: String
        public fileprivate(set) var builtin: Builtin?
        public var keyCase = KeyCase.asIs
        public var nesting = Nesting.objects
        public var separator: Character = "."
        public var keyCharset = KeyCharset.any
        public var extraKeyChars = ""
        public var keyStartsWithLetter = false
        public var stripLeading = ""
        public var maxKeyLength = 0
        public var keyLengthUnit = LengthUnit.chars
        public var reservedPrefixes: [String] = []
        public var reservedKeys: [String] = []
        public var maxEventNameLength = 0
        public var reservedEventNames: [String] = []
        public var bools = Bools.bool
        public var u64s = U64s.intOrString
        public var maxStringLength = 0
        public var lengthUnit = LengthUnit.chars
        public var maxProperties = 0
        public var maxDepth = 10
        public var repeated = Repeated.list
        public var joinSeparator = ","
        public var maps = Maps.object
        public var bytes = Bytes.base64
        public var timestamps = Timestamps.rfc3339
        public var durations = Durations.seconds
        public var onViolation = OnViolation.truncate
        public var shapeNameKey = "event"
        public var shapePropertiesKey = "properties"

        fileprivate init(name: String, builtin: Builtin?) {
            self.name = name
            self.builtin = builtin
        }

        fileprivate init(_ p: Profile) {
            name = p.name
            builtin = p.builtin
            keyCase = p.keyCase
            nesting = p.nesting
            separator = p.separator
            keyCharset = p.keyCharset
            extraKeyChars = p.extraKeyChars
            keyStartsWithLetter = p.keyStartsWithLetter
            stripLeading = p.stripLeading
            maxKeyLength = p.maxKeyLength
            keyLengthUnit = p.keyLengthUnit
            reservedPrefixes = p.reservedPrefixes
            reservedKeys = p.reservedKeys
            maxEventNameLength = p.maxEventNameLength
            reservedEventNames = p.reservedEventNames
            bools = p.bools
            u64s = p.u64s
            maxStringLength = p.maxStringLength
            lengthUnit = p.lengthUnit
            maxProperties = p.maxProperties
            maxDepth = p.maxDepth
            repeated = p.repeated
            joinSeparator = p.joinSeparator
            maps = p.maps
            bytes = p.bytes
            timestamps = p.timestamps
            durations = p.durations
            onViolation = p.onViolation
            shapeNameKey = p.shapeNameKey
            shapePropertiesKey = p.shapePropertiesKey
        }

        /// The profile, or why it cannot work.
        public func build() throws(ProfileError) -> Profile {
            func fail(_ message: String) -> ProfileError {
                ProfileError(message: "profile `\(name)`: \(message)")
            }
            if name.isEmpty {
                throw fail("the name is empty")
            }
            let zero = " must not be negative (0: no limit)"
            if maxKeyLength < 0 { throw fail("the maximum key length" + zero) }
            if maxEventNameLength < 0 { throw fail("the maximum event name length" + zero) }
            if maxStringLength < 0 { throw fail("the maximum string length" + zero) }
            if maxProperties < 0 { throw fail("the maximum property count" + zero) }
            if maxDepth < 1 { throw fail("the maximum depth must be at least 1") }
            let p = Profile(self)
            let sep = separator.unicodeScalars
            if sep.count != 1 || !p.allows(sep[sep.startIndex]) {
                throw fail("the nesting separator '\(separator)' is not an allowed key character")
            }
            if repeated == .joined && joinSeparator.isEmpty {
                throw fail("the join separator of repeated fields is empty")
            }
            if shapeNameKey.isEmpty { throw fail("the event shape's name key is empty") }
            if shapePropertiesKey.isEmpty {
                throw fail("the event shape's properties key is empty")
            }
            if shapeNameKey == shapePropertiesKey {
                throw fail("the event shape's name and properties keys are both \"\(shapeNameKey)\"")
            }
            if reservedPrefixes.contains("") {
                throw fail("an empty reserved prefix would reserve every key")
            }
            return p
        }
    }

    /// Firebase Analytics (and GA4's Measurement Protocol).
    public static let firebase: Profile = {
        var b = Builder(name: "firebase", builtin: .firebase)
        b.keyCase = .snake
        b.nesting = .flatten
        b.separator = "_"
        b.keyCharset = .word
        b.keyStartsWithLetter = true
        b.stripLeading = "_"
        b.maxKeyLength = 40
        b.keyLengthUnit = .utf16
        b.reservedPrefixes = ["firebase_", "google_", "ga_"]
        b.maxEventNameLength = 40
        b.reservedEventNames = [
            "ad_activeview", "ad_click", "ad_exposure", "ad_impression", "ad_query",
            "ad_reward", "adunit_exposure", "app_background", "app_clear_data",
            "app_exception", "app_remove", "app_store_refund",
            "app_store_subscription_cancel", "app_store_subscription_convert",
            "app_store_subscription_renew", "app_update", "app_upgrade",
            "dynamic_link_app_open", "dynamic_link_app_update", "dynamic_link_first_open",
            "error", "first_open", "first_visit", "in_app_purchase", "notification_dismiss",
            "notification_foreground", "notification_open", "notification_receive",
            "os_update", "session_start", "session_start_with_rollout", "user_engagement",
        ]
        b.bools = .string
        b.maxStringLength = 100
        b.lengthUnit = .utf16
        b.maxProperties = 25
        b.maxDepth = 3
        b.repeated = .joined
        b.joinSeparator = ","
        b.maps = .prefixedKeys
        b.timestamps = .epochMillis
        b.durations = .millis
        b.shapeNameKey = "name"
        b.shapePropertiesKey = "params"
        return Profile(b)
    }()

    public static let mixpanel: Profile = {
        var b = Builder(name: "mixpanel", builtin: .mixpanel)
        b.maxKeyLength = 255
        b.maxEventNameLength = 255
        b.maxStringLength = 255
        b.lengthUnit = .bytes
        b.maxProperties = 255
        b.maxDepth = 4
        return Profile(b)
    }()

    public static let amplitude: Profile = {
        var b = Builder(name: "amplitude", builtin: .amplitude)
        b.keyLengthUnit = .utf16
        b.maxStringLength = 1024
        b.lengthUnit = .utf16
        b.maxProperties = 1024
        b.shapeNameKey = "event_type"
        b.shapePropertiesKey = "event_properties"
        return Profile(b)
    }()

    public static let segment = Profile(Builder(name: "segment", builtin: .segment))

    public static let braze: Profile = {
        var b = Builder(name: "braze", builtin: .braze)
        b.stripLeading = "$"
        b.maxKeyLength = 255
        b.maxEventNameLength = 255
        b.maxStringLength = 255
        b.lengthUnit = .chars
        b.shapeNameKey = "name"
        return Profile(b)
    }()

    /// The built-in profiles, in the shared vectors' order.
    public static let builtIn: [Profile] = [firebase, mixpanel, amplitude, segment, braze]

    /// A built-in profile by name (`firebase`...).
    public static func named(_ name: String) -> Profile? {
        builtIn.first { $0.name == name }
    }
}

/// A custom profile that cannot work (a negative limit, an empty name...).
public struct ProfileError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
