//! Vendor profiles: the limits and formats of one analytics vendor's property maps.

use std::borrow::Cow;

/// The built-in profiles, for which the plugin can emit key tables (`vendors=` parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    Firebase,
    Mixpanel,
    Amplitude,
    Segment,
    Braze,
}

impl Builtin {
    /// Every built-in profile, in this order everywhere (tables, reports, vectors).
    pub const ALL: [Builtin; 5] = [
        Builtin::Firebase,
        Builtin::Mixpanel,
        Builtin::Amplitude,
        Builtin::Segment,
        Builtin::Braze,
    ];

    /// The lowercase name used in the plugin's `vendors=` parameter and in reports.
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::Firebase => "firebase",
            Builtin::Mixpanel => "mixpanel",
            Builtin::Amplitude => "amplitude",
            Builtin::Segment => "segment",
            Builtin::Braze => "braze",
        }
    }

    /// The built-in with this lowercase name.
    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The profile itself.
    pub const fn profile(self) -> &'static Profile {
        match self {
            Builtin::Firebase => &FIREBASE,
            Builtin::Mixpanel => &MIXPANEL,
            Builtin::Amplitude => &AMPLITUDE,
            Builtin::Segment => &SEGMENT,
            Builtin::Braze => &BRAZE,
        }
    }
}

/// How a field's name becomes a key segment (a `vendor_key` option is used as written).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyCase {
    /// The name in the `.proto` file.
    AsIs,
    /// `snake_case`.
    Snake,
    /// `lowerCamelCase`.
    Camel,
}

/// Which characters a key may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyCharset {
    /// Any character.
    Any,
    /// ASCII letters, digits, `_` and the profile's
    /// [`extra_key_chars`](ProfileBuilder::extra_key_chars); every run of other characters
    /// becomes one `_`.
    Word,
}

/// Where nested messages go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Nesting {
    /// Prefixed keys: `device` + separator + `os_version`.
    Flatten,
    /// Nested objects.
    Objects,
}

/// How repeated fields travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Repeated {
    /// A list value (message elements as objects).
    List,
    /// Scalars joined into one string with the profile's join separator; message elements
    /// as indexed keys.
    Joined,
    /// One key per element: `tags` + separator + `0`.
    Indexed,
}

/// How map fields travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Maps {
    /// A nested object keyed by the map keys.
    Object,
    /// One key per entry: `params` + separator + the map key.
    PrefixedKeys,
}

/// How `bool` values travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoolFormat {
    Bool,
    /// `1` or `0`.
    Int,
    /// `"true"` or `"false"`.
    String,
}

/// How `uint64` / `fixed64` values travel (vendors and mobile runtimes hold signed 64-bit
/// integers at most).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum U64Format {
    /// An integer up to `i64::MAX`, a decimal string above (recorded as a coercion).
    IntOrString,
    /// Always a decimal string.
    String,
    /// A double (recorded as a coercion when not exact).
    Double,
}

/// How `bytes` values travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BytesFormat {
    /// Standard base64 with padding.
    Base64,
    /// Lowercase hex.
    Hex,
    /// Left out.
    Omit,
}

/// How `google.protobuf.Timestamp` values travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 string, `1972-01-01T10:00:20.021Z`.
    Rfc3339,
    /// Integer milliseconds since the Unix epoch (rounded toward negative infinity).
    EpochMillis,
    /// Double seconds since the Unix epoch.
    EpochSeconds,
}

/// How `google.protobuf.Duration` values travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DurationFormat {
    /// Double seconds.
    Seconds,
    /// Integer milliseconds (rounded toward zero).
    Millis,
    /// The proto3 JSON string, `1.500s`.
    String,
}

/// The unit a length limit counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LengthUnit {
    /// Unicode scalar values (Rust `chars()`, Swift `unicodeScalars`, Java code points).
    Chars,
    /// UTF-16 code units (Java and Kotlin `String.length`).
    Utf16,
    /// UTF-8 bytes.
    Bytes,
}

impl LengthUnit {
    /// The length of `s` in this unit.
    pub fn len(self, s: &str) -> usize {
        match self {
            LengthUnit::Chars => s.chars().count(),
            LengthUnit::Utf16 => s.encode_utf16().count(),
            LengthUnit::Bytes => s.len(),
        }
    }

    /// The byte index where `s` must be cut to hold at most `max` units, on a character
    /// boundary (a character is never split, a surrogate pair never halved).
    pub fn cut(self, s: &str, max: usize) -> usize {
        let mut used = 0;
        for (at, c) in s.char_indices() {
            let w = match self {
                LengthUnit::Chars => 1,
                LengthUnit::Utf16 => c.len_utf16(),
                LengthUnit::Bytes => c.len_utf8(),
            };
            if used + w > max {
                return at;
            }
            used += w;
        }
        s.len()
    }
}

/// What happens to something the vendor would not take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OnViolation {
    /// Shorten what is too long (strings, keys, the property list); drop what cannot be
    /// shortened (a reserved or invalid key). Every change is recorded.
    Truncate,
    /// Drop the property (recorded).
    Drop,
    /// Fail with a [`VendorError`](super::VendorError).
    Error,
}

/// The JSON shape of one event in the vendor's HTTP API: the member holding the event name
/// and the one holding the properties.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventShape {
    pub name_key: Cow<'static, str>,
    pub properties_key: Cow<'static, str>,
}

type Strs = Cow<'static, [Cow<'static, str>]>;

/// Everything that decides a vendor's property map. Built-ins are constants; custom profiles
/// come from [`Profile::builder`], which refuses combinations that cannot work.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub(crate) name: Cow<'static, str>,
    pub(crate) builtin: Option<Builtin>,
    pub(crate) key_case: KeyCase,
    pub(crate) nesting: Nesting,
    pub(crate) separator: char,
    pub(crate) key_charset: KeyCharset,
    pub(crate) extra_key_chars: Cow<'static, str>,
    pub(crate) key_starts_with_letter: bool,
    pub(crate) strip_leading: Cow<'static, str>,
    pub(crate) max_key_len: Option<usize>,
    pub(crate) key_length_unit: LengthUnit,
    pub(crate) reserved_prefixes: Strs,
    pub(crate) reserved_keys: Strs,
    pub(crate) max_event_name_len: Option<usize>,
    pub(crate) reserved_event_names: Strs,
    pub(crate) bools: BoolFormat,
    pub(crate) u64s: U64Format,
    pub(crate) max_string_len: Option<usize>,
    pub(crate) length_unit: LengthUnit,
    pub(crate) max_properties: Option<usize>,
    pub(crate) max_depth: usize,
    pub(crate) repeated: Repeated,
    pub(crate) join_separator: Cow<'static, str>,
    pub(crate) maps: Maps,
    pub(crate) bytes: BytesFormat,
    pub(crate) timestamps: TimestampFormat,
    pub(crate) durations: DurationFormat,
    pub(crate) on_violation: OnViolation,
    pub(crate) shape: EventShape,
}

const fn strs(items: &'static [Cow<'static, str>]) -> Strs {
    Cow::Borrowed(items)
}

const fn s(text: &'static str) -> Cow<'static, str> {
    Cow::Borrowed(text)
}

const FIREBASE_RESERVED_PREFIXES: &[Cow<'static, str>] = &[s("firebase_"), s("google_"), s("ga_")];

/// Event names Firebase reserves for its automatically collected events.
const FIREBASE_RESERVED_EVENTS: &[Cow<'static, str>] = &[
    s("ad_activeview"),
    s("ad_click"),
    s("ad_exposure"),
    s("ad_impression"),
    s("ad_query"),
    s("ad_reward"),
    s("adunit_exposure"),
    s("app_background"),
    s("app_clear_data"),
    s("app_exception"),
    s("app_remove"),
    s("app_store_refund"),
    s("app_store_subscription_cancel"),
    s("app_store_subscription_convert"),
    s("app_store_subscription_renew"),
    s("app_update"),
    s("app_upgrade"),
    s("dynamic_link_app_open"),
    s("dynamic_link_app_update"),
    s("dynamic_link_first_open"),
    s("error"),
    s("first_open"),
    s("first_visit"),
    s("in_app_purchase"),
    s("notification_dismiss"),
    s("notification_foreground"),
    s("notification_open"),
    s("notification_receive"),
    s("os_update"),
    s("session_start"),
    s("session_start_with_rollout"),
    s("user_engagement"),
];

/// Google Analytics for Firebase (`logEvent`), also the GA4 Measurement Protocol: flat
/// parameters, names of letters, digits and `_` starting with a letter, at most 40
/// characters, no `firebase_` / `google_` / `ga_` prefix; string values up to 100 characters;
/// no booleans (sent as `"true"` / `"false"`); 25 parameters an event.
pub static FIREBASE: Profile = Profile {
    name: s("firebase"),
    builtin: Some(Builtin::Firebase),
    key_case: KeyCase::Snake,
    nesting: Nesting::Flatten,
    separator: '_',
    key_charset: KeyCharset::Word,
    extra_key_chars: s(""),
    key_starts_with_letter: true,
    strip_leading: s("_"),
    max_key_len: Some(40),
    key_length_unit: LengthUnit::Utf16,
    reserved_prefixes: strs(FIREBASE_RESERVED_PREFIXES),
    reserved_keys: strs(&[]),
    max_event_name_len: Some(40),
    reserved_event_names: strs(FIREBASE_RESERVED_EVENTS),
    bools: BoolFormat::String,
    u64s: U64Format::IntOrString,
    max_string_len: Some(100),
    length_unit: LengthUnit::Utf16,
    max_properties: Some(25),
    max_depth: 3,
    repeated: Repeated::Joined,
    join_separator: s(","),
    maps: Maps::PrefixedKeys,
    bytes: BytesFormat::Base64,
    timestamps: TimestampFormat::EpochMillis,
    durations: DurationFormat::Millis,
    on_violation: OnViolation::Truncate,
    shape: EventShape {
        name_key: s("name"),
        properties_key: s("params"),
    },
};

/// Mixpanel (`track`, `/import`): property names up to 255 characters (event names too),
/// string values up to 255 bytes, 255 properties an event, objects nested 3 deep (members of the deepest at
/// depth 4).
pub static MIXPANEL: Profile = Profile {
    name: s("mixpanel"),
    builtin: Some(Builtin::Mixpanel),
    key_case: KeyCase::AsIs,
    nesting: Nesting::Objects,
    separator: '.',
    key_charset: KeyCharset::Any,
    extra_key_chars: s(""),
    key_starts_with_letter: false,
    strip_leading: s(""),
    max_key_len: Some(255),
    key_length_unit: LengthUnit::Chars,
    reserved_prefixes: strs(&[]),
    reserved_keys: strs(&[]),
    max_event_name_len: Some(255),
    reserved_event_names: strs(&[]),
    bools: BoolFormat::Bool,
    u64s: U64Format::IntOrString,
    max_string_len: Some(255),
    length_unit: LengthUnit::Bytes,
    max_properties: Some(255),
    max_depth: 4,
    repeated: Repeated::List,
    join_separator: s(","),
    maps: Maps::Object,
    bytes: BytesFormat::Base64,
    timestamps: TimestampFormat::Rfc3339,
    durations: DurationFormat::Seconds,
    on_violation: OnViolation::Truncate,
    shape: EventShape {
        name_key: s("event"),
        properties_key: s("properties"),
    },
};

/// Amplitude (SDKs and HTTP V2 `event_properties`): string values up to 1,024 characters,
/// 1,024 properties an event.
pub static AMPLITUDE: Profile = Profile {
    name: s("amplitude"),
    builtin: Some(Builtin::Amplitude),
    key_case: KeyCase::AsIs,
    nesting: Nesting::Objects,
    separator: '.',
    key_charset: KeyCharset::Any,
    extra_key_chars: s(""),
    key_starts_with_letter: false,
    strip_leading: s(""),
    max_key_len: None,
    key_length_unit: LengthUnit::Utf16,
    reserved_prefixes: strs(&[]),
    reserved_keys: strs(&[]),
    max_event_name_len: None,
    reserved_event_names: strs(&[]),
    bools: BoolFormat::Bool,
    u64s: U64Format::IntOrString,
    max_string_len: Some(1024),
    length_unit: LengthUnit::Utf16,
    max_properties: Some(1024),
    max_depth: 10,
    repeated: Repeated::List,
    join_separator: s(","),
    maps: Maps::Object,
    bytes: BytesFormat::Base64,
    timestamps: TimestampFormat::Rfc3339,
    durations: DurationFormat::Seconds,
    on_violation: OnViolation::Truncate,
    shape: EventShape {
        name_key: s("event_type"),
        properties_key: s("event_properties"),
    },
};

/// Segment (`track`): free-form keys and JSON values; destinations apply their own limits.
pub static SEGMENT: Profile = Profile {
    name: s("segment"),
    builtin: Some(Builtin::Segment),
    key_case: KeyCase::AsIs,
    nesting: Nesting::Objects,
    separator: '.',
    key_charset: KeyCharset::Any,
    extra_key_chars: s(""),
    key_starts_with_letter: false,
    strip_leading: s(""),
    max_key_len: None,
    key_length_unit: LengthUnit::Chars,
    reserved_prefixes: strs(&[]),
    reserved_keys: strs(&[]),
    max_event_name_len: None,
    reserved_event_names: strs(&[]),
    bools: BoolFormat::Bool,
    u64s: U64Format::IntOrString,
    max_string_len: None,
    length_unit: LengthUnit::Chars,
    max_properties: None,
    max_depth: 10,
    repeated: Repeated::List,
    join_separator: s(","),
    maps: Maps::Object,
    bytes: BytesFormat::Base64,
    timestamps: TimestampFormat::Rfc3339,
    durations: DurationFormat::Seconds,
    on_violation: OnViolation::Truncate,
    shape: EventShape {
        name_key: s("event"),
        properties_key: s("properties"),
    },
};

/// Braze (`logCustomEvent`, `/users/track`): keys up to 255 characters without a leading `$`,
/// string values up to 255 characters.
pub static BRAZE: Profile = Profile {
    name: s("braze"),
    builtin: Some(Builtin::Braze),
    key_case: KeyCase::AsIs,
    nesting: Nesting::Objects,
    separator: '.',
    key_charset: KeyCharset::Any,
    extra_key_chars: s(""),
    key_starts_with_letter: false,
    strip_leading: s("$"),
    max_key_len: Some(255),
    key_length_unit: LengthUnit::Chars,
    reserved_prefixes: strs(&[]),
    reserved_keys: strs(&[]),
    max_event_name_len: Some(255),
    reserved_event_names: strs(&[]),
    bools: BoolFormat::Bool,
    u64s: U64Format::IntOrString,
    max_string_len: Some(255),
    length_unit: LengthUnit::Chars,
    max_properties: None,
    max_depth: 10,
    repeated: Repeated::List,
    join_separator: s(","),
    maps: Maps::Object,
    bytes: BytesFormat::Base64,
    timestamps: TimestampFormat::Rfc3339,
    durations: DurationFormat::Seconds,
    on_violation: OnViolation::Truncate,
    shape: EventShape {
        name_key: s("name"),
        properties_key: s("properties"),
    },
};

/// A custom profile that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("profile `{profile}`: {what} must be at least 1")]
    Zero { profile: String, what: &'static str },
    #[error(
        "profile `{profile}`: the nesting separator {separator:?} is not an allowed key character"
    )]
    SeparatorNotAllowed { profile: String, separator: char },
    #[error("profile `{profile}`: the join separator of repeated fields is empty")]
    EmptyJoinSeparator { profile: String },
    #[error("profile `{profile}`: the name is empty")]
    EmptyName { profile: String },
    #[error("profile `{profile}`: the event shape's {what} key is empty")]
    EmptyShapeKey { profile: String, what: &'static str },
    #[error("profile `{profile}`: the event shape's name and properties keys are both \"{key}\"")]
    SameShapeKeys { profile: String, key: String },
    #[error("profile `{profile}`: an empty reserved prefix would reserve every key")]
    EmptyReservedPrefix { profile: String },
}

impl Profile {
    /// A builder for a custom profile, starting from the built-in `base` (or from
    /// [`SEGMENT`]'s open rules with `Profile::builder(name, &SEGMENT)`).
    pub fn builder(name: impl Into<Cow<'static, str>>, base: &Profile) -> ProfileBuilder {
        let mut profile = base.clone();
        profile.name = name.into();
        profile.builtin = None;
        ProfileBuilder { profile }
    }

    /// The profile's name (`firebase`, or a custom profile's).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The built-in this profile is, `None` for a custom profile.
    pub fn builtin(&self) -> Option<Builtin> {
        self.builtin
    }

    pub fn key_case(&self) -> KeyCase {
        self.key_case
    }
    pub fn nesting(&self) -> Nesting {
        self.nesting
    }
    pub fn separator(&self) -> char {
        self.separator
    }
    pub fn key_charset(&self) -> KeyCharset {
        self.key_charset
    }
    /// Characters keys may hold besides letters, digits and `_` under [`KeyCharset::Word`].
    pub fn extra_key_chars(&self) -> &str {
        &self.extra_key_chars
    }
    pub fn key_starts_with_letter(&self) -> bool {
        self.key_starts_with_letter
    }
    pub fn strip_leading(&self) -> &str {
        &self.strip_leading
    }
    pub fn reserved_prefixes(&self) -> &[Cow<'static, str>] {
        &self.reserved_prefixes
    }
    pub fn reserved_keys(&self) -> &[Cow<'static, str>] {
        &self.reserved_keys
    }
    pub fn reserved_event_names(&self) -> &[Cow<'static, str>] {
        &self.reserved_event_names
    }
    pub fn max_key_len(&self) -> Option<usize> {
        self.max_key_len
    }
    /// The unit key and event name lengths count in.
    pub fn key_length_unit(&self) -> LengthUnit {
        self.key_length_unit
    }
    pub fn max_event_name_len(&self) -> Option<usize> {
        self.max_event_name_len
    }
    pub fn max_string_len(&self) -> Option<usize> {
        self.max_string_len
    }
    pub fn length_unit(&self) -> LengthUnit {
        self.length_unit
    }
    pub fn max_properties(&self) -> Option<usize> {
        self.max_properties
    }
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }
    pub fn bools(&self) -> BoolFormat {
        self.bools
    }
    pub fn u64s(&self) -> U64Format {
        self.u64s
    }
    pub fn repeated(&self) -> Repeated {
        self.repeated
    }
    pub fn join_separator(&self) -> &str {
        &self.join_separator
    }
    pub fn maps(&self) -> Maps {
        self.maps
    }
    pub fn bytes(&self) -> BytesFormat {
        self.bytes
    }
    pub fn timestamps(&self) -> TimestampFormat {
        self.timestamps
    }
    pub fn durations(&self) -> DurationFormat {
        self.durations
    }
    pub fn on_violation(&self) -> OnViolation {
        self.on_violation
    }
    pub fn shape(&self) -> &EventShape {
        &self.shape
    }

    /// Whether `c` may appear in a key.
    pub(crate) fn allows(&self, c: char) -> bool {
        match self.key_charset {
            KeyCharset::Any => true,
            KeyCharset::Word => {
                c.is_ascii_alphanumeric() || c == '_' || self.extra_key_chars.contains(c)
            }
        }
    }

    /// Whether every character of `s` may appear in a key.
    pub(crate) fn allows_all(&self, s: &str) -> bool {
        match self.key_charset {
            KeyCharset::Any => true,
            KeyCharset::Word if self.extra_key_chars.is_empty() => {
                s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            }
            KeyCharset::Word => s.chars().all(|c| self.allows(c)),
        }
    }

    fn check(self) -> Result<Profile, ProfileError> {
        let profile = || self.name.to_string();
        let zero = |what| ProfileError::Zero {
            profile: profile(),
            what,
        };
        if self.name.is_empty() {
            return Err(ProfileError::EmptyName { profile: profile() });
        }
        if self.max_key_len == Some(0) {
            return Err(zero("the maximum key length"));
        }
        if self.max_event_name_len == Some(0) {
            return Err(zero("the maximum event name length"));
        }
        if self.max_string_len == Some(0) {
            return Err(zero("the maximum string length"));
        }
        if self.max_properties == Some(0) {
            return Err(zero("the maximum property count"));
        }
        if self.max_depth == 0 {
            return Err(zero("the maximum depth"));
        }
        if !self.allows(self.separator) {
            return Err(ProfileError::SeparatorNotAllowed {
                profile: profile(),
                separator: self.separator,
            });
        }
        if self.repeated == Repeated::Joined && self.join_separator.is_empty() {
            return Err(ProfileError::EmptyJoinSeparator { profile: profile() });
        }
        for (what, key) in [
            ("name", &self.shape.name_key),
            ("properties", &self.shape.properties_key),
        ] {
            if key.is_empty() {
                return Err(ProfileError::EmptyShapeKey {
                    profile: profile(),
                    what,
                });
            }
        }
        if self.shape.name_key == self.shape.properties_key {
            return Err(ProfileError::SameShapeKeys {
                profile: profile(),
                key: self.shape.name_key.to_string(),
            });
        }
        if self.reserved_prefixes.iter().any(|p| p.is_empty()) {
            return Err(ProfileError::EmptyReservedPrefix { profile: profile() });
        }
        Ok(self)
    }
}

/// Builds a custom [`Profile`]; [`build`](Self::build) checks that it can work.
#[derive(Clone, Debug)]
pub struct ProfileBuilder {
    profile: Profile,
}

fn owned_strs<I, S>(items: I) -> Strs
where
    I: IntoIterator<Item = S>,
    S: Into<Cow<'static, str>>,
{
    Cow::Owned(items.into_iter().map(Into::into).collect())
}

impl ProfileBuilder {
    /// How a field's name becomes a key segment (a `vendor_key` is used as written).
    pub fn key_case(mut self, case: KeyCase) -> Self {
        self.profile.key_case = case;
        self
    }
    /// Nested messages as prefixed keys joined by `separator`, or as nested objects (the
    /// separator still joins prefixed map and indexed keys).
    pub fn nesting(mut self, nesting: Nesting, separator: char) -> Self {
        self.profile.nesting = nesting;
        self.profile.separator = separator;
        self
    }
    /// Which characters keys and event names may hold; every run of others becomes one `_`
    /// (the separator must be one of them).
    pub fn key_charset(mut self, charset: KeyCharset) -> Self {
        self.profile.key_charset = charset;
        self
    }
    /// Characters keys may hold besides ASCII letters, digits and `_` under
    /// [`KeyCharset::Word`] (`".-"` lets a flat profile join keys with `.`).
    pub fn extra_key_chars(mut self, chars: impl Into<Cow<'static, str>>) -> Self {
        self.profile.extra_key_chars = chars.into();
        self
    }
    /// Keys must start with an ASCII letter (others are dropped, or an error).
    pub fn key_starts_with_letter(mut self, on: bool) -> Self {
        self.profile.key_starts_with_letter = on;
        self
    }
    /// Characters removed from the start of every key (after the charset is applied).
    pub fn strip_leading(mut self, chars: impl Into<Cow<'static, str>>) -> Self {
        self.profile.strip_leading = chars.into();
        self
    }
    /// The longest key, counted in [`key_length_unit`](Self::key_length_unit); longer keys
    /// are cut (or dropped, or an error, as [`on_violation`](Self::on_violation) says).
    /// `None`: no limit; `Some(0)` is refused.
    pub fn max_key_len(mut self, max: Option<usize>) -> Self {
        self.profile.max_key_len = max;
        self
    }
    /// The unit key and event name lengths count in (Mixpanel counts names in characters
    /// and string values in bytes).
    pub fn key_length_unit(mut self, unit: LengthUnit) -> Self {
        self.profile.key_length_unit = unit;
        self
    }
    /// Prefixes no key may start with (Firebase's `firebase_`); such keys are dropped (or an
    /// error). An empty prefix is refused.
    pub fn reserved_prefixes<I, S>(mut self, prefixes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Cow<'static, str>>,
    {
        self.profile.reserved_prefixes = owned_strs(prefixes);
        self
    }
    /// Whole keys the vendor keeps for itself; such keys are dropped (or an error).
    pub fn reserved_keys<I, S>(mut self, keys: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Cow<'static, str>>,
    {
        self.profile.reserved_keys = owned_strs(keys);
        self
    }
    /// The longest event name, in the same unit as keys; longer names are cut (or an error).
    /// `None`: no limit; `Some(0)` is refused.
    pub fn max_event_name_len(mut self, max: Option<usize>) -> Self {
        self.profile.max_event_name_len = max;
        self
    }
    /// Event names the vendor keeps for itself (Firebase's `session_start`): flattening such
    /// an event fails.
    pub fn reserved_event_names<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Cow<'static, str>>,
    {
        self.profile.reserved_event_names = owned_strs(names);
        self
    }
    /// How `bool` values travel, for vendors that take no booleans.
    pub fn bools(mut self, format: BoolFormat) -> Self {
        self.profile.bools = format;
        self
    }
    /// How `uint64` / `fixed64` values travel (conversions that lose something are
    /// recorded).
    pub fn u64s(mut self, format: U64Format) -> Self {
        self.profile.u64s = format;
        self
    }
    /// The longest string value, counted in `unit` (keys count in
    /// [`key_length_unit`](Self::key_length_unit)).
    pub fn max_string_len(mut self, max: Option<usize>, unit: LengthUnit) -> Self {
        self.profile.max_string_len = max;
        self.profile.length_unit = unit;
        self
    }
    /// The most top-level properties an event may have; the last ones over it are dropped
    /// and recorded (or an error). `None`: no limit; `Some(0)` is refused.
    pub fn max_properties(mut self, max: Option<usize>) -> Self {
        self.profile.max_properties = max;
        self
    }
    /// How deep values nest: top-level properties are at depth 1, the members of a nested
    /// object (or the fields of a flattened message, or the elements of a list) one deeper.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.profile.max_depth = depth;
        self
    }
    /// How repeated fields travel; `join_separator` is used by [`Repeated::Joined`].
    pub fn repeated(
        mut self,
        repeated: Repeated,
        join_separator: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.profile.repeated = repeated;
        self.profile.join_separator = join_separator.into();
        self
    }
    /// How map fields travel: a nested object, or one prefixed key per entry.
    pub fn maps(mut self, maps: Maps) -> Self {
        self.profile.maps = maps;
        self
    }
    /// How `bytes` values travel.
    pub fn bytes(mut self, format: BytesFormat) -> Self {
        self.profile.bytes = format;
        self
    }
    /// How `google.protobuf.Timestamp` values travel.
    pub fn timestamps(mut self, format: TimestampFormat) -> Self {
        self.profile.timestamps = format;
        self
    }
    /// How `google.protobuf.Duration` values travel.
    pub fn durations(mut self, format: DurationFormat) -> Self {
        self.profile.durations = format;
        self
    }
    /// What a value, key or count the vendor would not take does: cut, dropped, or an error.
    pub fn on_violation(mut self, on: OnViolation) -> Self {
        self.profile.on_violation = on;
        self
    }
    /// The members of one event in the vendor's HTTP API.
    pub fn shape(
        mut self,
        name_key: impl Into<Cow<'static, str>>,
        properties_key: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.profile.shape = EventShape {
            name_key: name_key.into(),
            properties_key: properties_key.into(),
        };
        self
    }

    /// The profile, or why it cannot work.
    pub fn build(self) -> Result<Profile, ProfileError> {
        self.profile.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_pass_their_own_checks() {
        for b in Builtin::ALL {
            let p = b.profile();
            assert_eq!(p.builtin(), Some(b));
            assert_eq!(Builtin::from_name(p.name()), Some(b));
            assert!(p.clone().check().is_ok(), "{}", p.name());
        }
    }

    #[test]
    fn impossible_profiles_are_refused_with_the_reason() {
        let err = Profile::builder("x", &FIREBASE)
            .max_key_len(Some(0))
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "profile `x`: the maximum key length must be at least 1"
        );
        let err = Profile::builder("x", &FIREBASE)
            .nesting(Nesting::Flatten, '.')
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            ProfileError::SeparatorNotAllowed {
                profile: "x".into(),
                separator: '.'
            }
        );
        assert!(
            Profile::builder("x", &SEGMENT)
                .repeated(Repeated::Joined, "")
                .build()
                .is_err()
        );
        assert!(
            Profile::builder("x", &SEGMENT)
                .max_depth(0)
                .build()
                .is_err()
        );
        assert!(Profile::builder("", &SEGMENT).build().is_err());
        let ok = Profile::builder("mine", &FIREBASE)
            .max_string_len(Some(36), LengthUnit::Chars)
            .build()
            .unwrap();
        assert_eq!(ok.builtin(), None);
        assert_eq!(ok.max_string_len(), Some(36));
    }

    #[test]
    fn cuts_never_split_a_character() {
        let s = "aé😀b";
        assert_eq!(LengthUnit::Bytes.cut(s, 2), 1);
        assert_eq!(LengthUnit::Bytes.cut(s, 3), 3);
        assert_eq!(LengthUnit::Utf16.cut(s, 3), 3);
        assert_eq!(LengthUnit::Utf16.cut(s, 4), 7);
        assert_eq!(LengthUnit::Chars.cut(s, 3), 7);
        assert_eq!(LengthUnit::Chars.cut(s, 10), s.len());
        assert_eq!(LengthUnit::Utf16.len(s), 5);
    }
}
