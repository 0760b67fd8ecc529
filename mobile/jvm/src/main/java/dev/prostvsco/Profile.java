package dev.prostvsco;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The limits and formats of one analytics vendor's property maps: the same knobs and the same
 * built-in values as the Rust runtime's {@code prost_vsco::vendor::Profile}, so that the same
 * event gives the same properties on every platform. Immutable; {@link #builder} derives a
 * custom profile from a built-in one.
 */
public final class Profile {
  /** How a field's proto name becomes a key segment. */
  public enum KeyCase {
    AS_IS,
    SNAKE,
    CAMEL
  }

  /** Nested messages as prefixed keys, or as nested objects. */
  public enum Nesting {
    FLATTEN,
    OBJECTS
  }

  /** Which characters a key may hold. */
  public enum KeyCharset {
    ANY,
    /** ASCII letters, digits and {@code _}. */
    WORD
  }

  /** How repeated fields travel. */
  public enum Repeated {
    LIST,
    /** Scalars joined into one string; message elements as indexed keys. */
    JOINED,
    /** One property per element, {@code tags_0}, {@code tags_1}. */
    INDEXED
  }

  public enum Maps {
    OBJECT,
    PREFIXED_KEYS
  }

  public enum Bools {
    BOOL,
    INT,
    STRING
  }

  public enum U64s {
    /** A number when it fits a signed 64-bit value, else a string (recorded). */
    INT_OR_STRING,
    STRING,
    DOUBLE
  }

  public enum Bytes {
    BASE64,
    HEX,
    OMIT
  }

  public enum Timestamps {
    RFC3339,
    EPOCH_MILLIS,
    EPOCH_SECONDS
  }

  public enum Durations {
    SECONDS,
    MILLIS,
    STRING
  }

  /** The unit of string and key lengths. */
  public enum LengthUnit {
    /** Unicode scalar values. */
    CHARS,
    /** UTF-16 code units. */
    UTF16,
    /** UTF-8 bytes. */
    BYTES;

    /** The length of {@code s} in this unit. */
    public int length(String s) {
      switch (this) {
        case UTF16:
          return s.length();
        case CHARS:
          return s.codePointCount(0, s.length());
        default:
          int n = 0;
          for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            i += Character.charCount(c);
          }
          return n;
      }
    }

    /** The longest prefix of {@code s} (in UTF-16 units) within {@code max}, on a character boundary. */
    public int cut(String s, int max) {
      int used = 0;
      for (int i = 0; i < s.length(); ) {
        int c = s.codePointAt(i);
        int w;
        switch (this) {
          case CHARS:
            w = 1;
            break;
          case UTF16:
            w = Character.charCount(c);
            break;
          default:
            w = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            break;
        }
        if (used + w > max) {
          return i;
        }
        used += w;
        i += Character.charCount(c);
      }
      return s.length();
    }
  }

  /** What a violation does. */
  public enum OnViolation {
    TRUNCATE,
    DROP,
    ERROR
  }

  /** The built-in profiles, in the Rust runtime's order. */
  public enum Builtin {
    FIREBASE,
    MIXPANEL,
    AMPLITUDE,
    SEGMENT,
    BRAZE
  }

  final String name;
  final Builtin builtin;
  final KeyCase keyCase;
  final Nesting nesting;
  final char separator;
  final KeyCharset keyCharset;
  final String extraKeyChars;
  final boolean keyStartsWithLetter;
  final String stripLeading;
  /** 0: no limit (also for the other {@code max} knobs). */
  final int maxKeyLength;
  final List<String> reservedPrefixes;
  final List<String> reservedKeys;
  final int maxEventNameLength;
  final List<String> reservedEventNames;
  final Bools bools;
  final U64s u64s;
  final int maxStringLength;
  final LengthUnit lengthUnit;
  final LengthUnit keyLengthUnit;
  final int maxProperties;
  final int maxDepth;
  final Repeated repeated;
  final String joinSeparator;
  final Maps maps;
  final Bytes bytes;
  final Timestamps timestamps;
  final Durations durations;
  final OnViolation onViolation;
  /** The HTTP API's member names for the event name and the properties. */
  final String shapeNameKey;
  final String shapePropertiesKey;

  private Profile(Builder b) {
    name = b.name;
    builtin = b.builtin;
    keyCase = b.keyCase;
    nesting = b.nesting;
    separator = b.separator;
    keyCharset = b.keyCharset;
    extraKeyChars = b.extraKeyChars;
    keyStartsWithLetter = b.keyStartsWithLetter;
    stripLeading = b.stripLeading;
    maxKeyLength = b.maxKeyLength;
    reservedPrefixes = Collections.unmodifiableList(b.reservedPrefixes);
    reservedKeys = Collections.unmodifiableList(b.reservedKeys);
    maxEventNameLength = b.maxEventNameLength;
    reservedEventNames = Collections.unmodifiableList(b.reservedEventNames);
    bools = b.bools;
    u64s = b.u64s;
    maxStringLength = b.maxStringLength;
    lengthUnit = b.lengthUnit;
    keyLengthUnit = b.keyLengthUnit;
    maxProperties = b.maxProperties;
    maxDepth = b.maxDepth;
    repeated = b.repeated;
    joinSeparator = b.joinSeparator;
    maps = b.maps;
    bytes = b.bytes;
    timestamps = b.timestamps;
    durations = b.durations;
    onViolation = b.onViolation;
    shapeNameKey = b.shapeNameKey;
    shapePropertiesKey = b.shapePropertiesKey;
  }

  public String name() {
    return name;
  }

  /** The built-in profile this is, or {@code null} for a custom one. */
  public Builtin builtin() {
    return builtin;
  }

  boolean allows(int c) {
    return keyCharset == KeyCharset.ANY
        || (c < 0x80 && (Character.isLetterOrDigit(c) || c == '_'))
        || extraKeyChars.indexOf(c) >= 0;
  }

  /** A custom profile named {@code name}, starting from {@code base}'s knobs. */
  public static Builder builder(String name, Profile base) {
    Builder b = new Builder(base);
    b.name = name;
    b.builtin = null;
    return b;
  }

  /** A profile that cannot work (a zero limit, a separator the keys may not hold...). */
  public static final class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    ProfileException(String profile, String message) {
      super("profile `" + profile + "`: " + message);
    }
  }

  /** Every knob of a profile; {@link #build} checks that they can work together. */
  public static final class Builder {
    private String name;
    private Builtin builtin;
    private KeyCase keyCase = KeyCase.AS_IS;
    private Nesting nesting = Nesting.OBJECTS;
    private char separator = '.';
    private KeyCharset keyCharset = KeyCharset.ANY;
    private String extraKeyChars = "";
    private boolean keyStartsWithLetter;
    private String stripLeading = "";
    private int maxKeyLength;
    private List<String> reservedPrefixes = Collections.emptyList();
    private List<String> reservedKeys = Collections.emptyList();
    private int maxEventNameLength;
    private List<String> reservedEventNames = Collections.emptyList();
    private Bools bools = Bools.BOOL;
    private U64s u64s = U64s.INT_OR_STRING;
    private int maxStringLength;
    private LengthUnit lengthUnit = LengthUnit.CHARS;
    private LengthUnit keyLengthUnit = LengthUnit.CHARS;
    private int maxProperties;
    private int maxDepth = 10;
    private Repeated repeated = Repeated.LIST;
    private String joinSeparator = ",";
    private Maps maps = Maps.OBJECT;
    private Bytes bytes = Bytes.BASE64;
    private Timestamps timestamps = Timestamps.RFC3339;
    private Durations durations = Durations.SECONDS;
    private OnViolation onViolation = OnViolation.TRUNCATE;
    private String shapeNameKey = "event";
    private String shapePropertiesKey = "properties";

    private Builder(String name, Builtin builtin) {
      this.name = name;
      this.builtin = builtin;
    }

    private Builder(Profile p) {
      name = p.name;
      builtin = p.builtin;
      keyCase = p.keyCase;
      nesting = p.nesting;
      separator = p.separator;
      keyCharset = p.keyCharset;
      extraKeyChars = p.extraKeyChars;
      keyStartsWithLetter = p.keyStartsWithLetter;
      stripLeading = p.stripLeading;
      maxKeyLength = p.maxKeyLength;
      reservedPrefixes = p.reservedPrefixes;
      reservedKeys = p.reservedKeys;
      maxEventNameLength = p.maxEventNameLength;
      reservedEventNames = p.reservedEventNames;
      bools = p.bools;
      u64s = p.u64s;
      maxStringLength = p.maxStringLength;
      lengthUnit = p.lengthUnit;
      keyLengthUnit = p.keyLengthUnit;
      maxProperties = p.maxProperties;
      maxDepth = p.maxDepth;
      repeated = p.repeated;
      joinSeparator = p.joinSeparator;
      maps = p.maps;
      bytes = p.bytes;
      timestamps = p.timestamps;
      durations = p.durations;
      onViolation = p.onViolation;
      shapeNameKey = p.shapeNameKey;
      shapePropertiesKey = p.shapePropertiesKey;
    }

    public Builder keyCase(KeyCase v) {
      keyCase = Objects.requireNonNull(v);
      return this;
    }

    /** Nested messages as prefixed keys joined by {@code separator}, or as nested objects. */
    public Builder nesting(Nesting v, char separator) {
      nesting = Objects.requireNonNull(v);
      this.separator = separator;
      return this;
    }

    public Builder keyCharset(KeyCharset v) {
      keyCharset = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Characters keys may hold besides ASCII letters, digits and {@code _} under {@link
     * KeyCharset#WORD} ({@code ".-"} lets a flat profile join keys with {@code .}).
     */
    public Builder extraKeyChars(String chars) {
      extraKeyChars = Objects.requireNonNull(chars);
      return this;
    }

    public Builder keyStartsWithLetter(boolean v) {
      keyStartsWithLetter = v;
      return this;
    }

    /** Characters removed from the start of every key. */
    public Builder stripLeading(String chars) {
      stripLeading = Objects.requireNonNull(chars);
      return this;
    }

    /** 0: no limit; measured in {@link #keyLengthUnit}. */
    public Builder maxKeyLength(int v) {
      maxKeyLength = v;
      return this;
    }

    /** The unit key and event name lengths count in (Mixpanel: characters). */
    public Builder keyLengthUnit(LengthUnit unit) {
      keyLengthUnit = Objects.requireNonNull(unit);
      return this;
    }

    public Builder reservedPrefixes(String... v) {
      reservedPrefixes = Arrays.asList(v.clone());
      return this;
    }

    public Builder reservedKeys(String... v) {
      reservedKeys = Arrays.asList(v.clone());
      return this;
    }

    /** 0: no limit. */
    public Builder maxEventNameLength(int v) {
      maxEventNameLength = v;
      return this;
    }

    public Builder reservedEventNames(String... v) {
      reservedEventNames = Arrays.asList(v.clone());
      return this;
    }

    public Builder bools(Bools v) {
      bools = Objects.requireNonNull(v);
      return this;
    }

    public Builder u64s(U64s v) {
      u64s = Objects.requireNonNull(v);
      return this;
    }

    /** 0: no limit; measured in {@code unit}. */
    public Builder maxStringLength(int v, LengthUnit unit) {
      maxStringLength = v;
      lengthUnit = Objects.requireNonNull(unit);
      return this;
    }

    /** 0: no limit. */
    public Builder maxProperties(int v) {
      maxProperties = v;
      return this;
    }

    public Builder maxDepth(int v) {
      maxDepth = v;
      return this;
    }

    public Builder repeated(Repeated v, String joinSeparator) {
      repeated = Objects.requireNonNull(v);
      this.joinSeparator = Objects.requireNonNull(joinSeparator);
      return this;
    }

    public Builder maps(Maps v) {
      maps = Objects.requireNonNull(v);
      return this;
    }

    public Builder bytes(Bytes v) {
      bytes = Objects.requireNonNull(v);
      return this;
    }

    public Builder timestamps(Timestamps v) {
      timestamps = Objects.requireNonNull(v);
      return this;
    }

    public Builder durations(Durations v) {
      durations = Objects.requireNonNull(v);
      return this;
    }

    public Builder onViolation(OnViolation v) {
      onViolation = Objects.requireNonNull(v);
      return this;
    }

    /** The member names of the event name and the properties in {@link VendorProperties#toJson}. */
    public Builder shape(String nameKey, String propertiesKey) {
      shapeNameKey = Objects.requireNonNull(nameKey);
      shapePropertiesKey = Objects.requireNonNull(propertiesKey);
      return this;
    }

    public Profile build() throws ProfileException {
      if (name == null || name.isEmpty()) {
        throw new ProfileException(String.valueOf(name), "the name is empty");
      }
      String zero = " must not be negative (0: no limit)";
      if (maxKeyLength < 0) throw new ProfileException(name, "the maximum key length" + zero);
      if (maxEventNameLength < 0) {
        throw new ProfileException(name, "the maximum event name length" + zero);
      }
      if (maxStringLength < 0) {
        throw new ProfileException(name, "the maximum string length" + zero);
      }
      if (maxProperties < 0) {
        throw new ProfileException(name, "the maximum property count" + zero);
      }
      if (maxDepth < 1) throw new ProfileException(name, "the maximum depth must be at least 1");
      Profile p = new Profile(this);
      if (!p.allows(separator)) {
        throw new ProfileException(
            name, "the nesting separator '" + separator + "' is not an allowed key character");
      }
      if (repeated == Repeated.JOINED && joinSeparator.isEmpty()) {
        throw new ProfileException(name, "the join separator of repeated fields is empty");
      }
      if (shapeNameKey.isEmpty()) {
        throw new ProfileException(name, "the event shape's name key is empty");
      }
      if (shapePropertiesKey.isEmpty()) {
        throw new ProfileException(name, "the event shape's properties key is empty");
      }
      if (shapeNameKey.equals(shapePropertiesKey)) {
        throw new ProfileException(
            name,
            "the event shape's name and properties keys are both \"" + shapeNameKey + "\"");
      }
      if (reservedPrefixes.contains("")) {
        throw new ProfileException(name, "an empty reserved prefix would reserve every key");
      }
      return p;
    }

    private Profile unchecked() {
      return new Profile(this);
    }
  }

  /** Firebase Analytics and the GA4 Measurement Protocol. */
  public static final Profile FIREBASE =
      new Builder("firebase", Builtin.FIREBASE)
          .keyCase(KeyCase.SNAKE)
          .nesting(Nesting.FLATTEN, '_')
          .keyCharset(KeyCharset.WORD)
          .keyStartsWithLetter(true)
          .stripLeading("_")
          .maxKeyLength(40)
          .keyLengthUnit(LengthUnit.UTF16)
          .reservedPrefixes("firebase_", "google_", "ga_")
          .maxEventNameLength(40)
          .reservedEventNames(
              "ad_activeview", "ad_click", "ad_exposure", "ad_impression", "ad_query",
              "ad_reward", "adunit_exposure", "app_background", "app_clear_data",
              "app_exception", "app_remove", "app_store_refund",
              "app_store_subscription_cancel", "app_store_subscription_convert",
              "app_store_subscription_renew", "app_update", "app_upgrade",
              "dynamic_link_app_open", "dynamic_link_app_update", "dynamic_link_first_open",
              "error", "first_open", "first_visit", "in_app_purchase", "notification_dismiss",
              "notification_foreground", "notification_open", "notification_receive",
              "os_update", "session_start", "session_start_with_rollout", "user_engagement")
          .bools(Bools.STRING)
          .maxStringLength(100, LengthUnit.UTF16)
          .maxProperties(25)
          .maxDepth(3)
          .repeated(Repeated.JOINED, ",")
          .maps(Maps.PREFIXED_KEYS)
          .timestamps(Timestamps.EPOCH_MILLIS)
          .durations(Durations.MILLIS)
          .shape("name", "params")
          .unchecked();

  public static final Profile MIXPANEL =
      new Builder("mixpanel", Builtin.MIXPANEL)
          .maxKeyLength(255)
          .maxEventNameLength(255)
          .maxStringLength(255, LengthUnit.BYTES)
          .maxProperties(255)
          .maxDepth(4)
          .shape("event", "properties")
          .unchecked();

  public static final Profile AMPLITUDE =
      new Builder("amplitude", Builtin.AMPLITUDE)
          .keyLengthUnit(LengthUnit.UTF16)
          .maxStringLength(1024, LengthUnit.UTF16)
          .maxProperties(1024)
          .shape("event_type", "event_properties")
          .unchecked();

  public static final Profile SEGMENT =
      new Builder("segment", Builtin.SEGMENT).shape("event", "properties").unchecked();

  public static final Profile BRAZE =
      new Builder("braze", Builtin.BRAZE)
          .stripLeading("$")
          .maxKeyLength(255)
          .maxEventNameLength(255)
          .maxStringLength(255, LengthUnit.CHARS)
          .shape("name", "properties")
          .unchecked();

  /** The built-in profiles, in the Rust runtime's order. */
  public static final List<Profile> BUILT_IN =
      Collections.unmodifiableList(Arrays.asList(FIREBASE, MIXPANEL, AMPLITUDE, SEGMENT, BRAZE));

  /** The built-in profile named {@code name} ({@code firebase}...), or {@code null}. */
  public static Profile byName(String name) {
    for (Profile p : BUILT_IN) {
      if (p.name.equals(name)) {
        return p;
      }
    }
    return null;
  }
}
