package dev.prostvsco;

/**
 * The static facts of one field, as the plugin resolved them: names, number, kind and the
 * project's custom options. Generated adapters hold one table of these per message, in
 * field-number order.
 */
public final class FieldInfo {
  /** The name in the {@code .proto} file. */
  public final String name;
  /** The JSON name ({@code json_name}, or lowerCamelCase of the name). */
  public final String jsonName;
  /** The {@code legacy_key} option, or {@code null}. */
  public final String legacyKey;
  public final int number;
  public final Kind kind;
  public final Cardinality cardinality;
  /** For maps: the key's kind; otherwise {@code null}. */
  public final Kind mapKey;
  /** For enum fields (and maps with enum values): the enum's names; otherwise {@code null}. */
  public final EnumInfo enumInfo;
  /** The field is marked {@code pii}. */
  public final boolean pii;
  /** The field is marked {@code omit_from_map}. */
  public final boolean omitFromMap;
  /** The field's {@code vendor_key} option, or {@code null}. */
  public final String vendorKey;
  /** A member of a (real) oneof. */
  public final boolean inOneof;
  /** The JSON forms chosen for this field; {@link FieldFormat#NONE} when none. */
  public final FieldFormat json;
  /**
   * A {@code google.protobuf.Timestamp} field (for maps, values): the one message field a
   * {@link FieldFormat#timestamps} choice applies to.
   */
  public final boolean isTimestamp;
  /** {@code "jsonName":} and {@code "name":} as JSON writes them, built once. */
  final String quotedJsonName;
  final String quotedName;

  private FieldInfo(
      String name,
      String jsonName,
      String legacyKey,
      int number,
      Kind kind,
      Cardinality cardinality,
      Kind mapKey,
      EnumInfo enumInfo,
      boolean pii,
      boolean omitFromMap,
      String vendorKey,
      boolean inOneof,
      FieldFormat json,
      boolean isTimestamp) {
    this.name = name;
    this.jsonName = jsonName;
    this.legacyKey = legacyKey;
    this.number = number;
    this.kind = kind;
    this.cardinality = cardinality;
    this.mapKey = mapKey;
    this.enumInfo = enumInfo;
    this.pii = pii;
    this.omitFromMap = omitFromMap;
    this.vendorKey = vendorKey;
    this.inOneof = inOneof;
    this.json = json;
    this.isTimestamp = isTimestamp;
    this.quotedJsonName = Json.member(jsonName);
    this.quotedName = Json.member(name);
  }

  /** A field other than a map. */
  public static FieldInfo of(
      String name, String jsonName, int number, Kind kind, Cardinality cardinality) {
    return new FieldInfo(
        name, jsonName, null, number, kind, cardinality, null, null, false, false, null, false,
        FieldFormat.NONE, false);
  }

  /** A map field: {@code kind} is the value's kind. */
  public static FieldInfo map(String name, String jsonName, int number, Kind key, Kind value) {
    return new FieldInfo(
        name, jsonName, null, number, value, Cardinality.MAP, key, null, false, false, null, false,
        FieldFormat.NONE, false);
  }

  /** This field with the enum it holds. */
  public FieldInfo enumType(EnumInfo info) {
    return new FieldInfo(
        name, jsonName, legacyKey, number, kind, cardinality, mapKey, info, pii, omitFromMap,
        vendorKey, inOneof, json, isTimestamp);
  }

  /** This field with its {@code legacy_key}. */
  public FieldInfo legacyKey(String key) {
    return new FieldInfo(
        name, jsonName, key, number, kind, cardinality, mapKey, enumInfo, pii, omitFromMap,
        vendorKey, inOneof, json, isTimestamp);
  }

  /** This field marked {@code pii}. */
  public FieldInfo pii() {
    return new FieldInfo(
        name, jsonName, legacyKey, number, kind, cardinality, mapKey, enumInfo, true, omitFromMap,
        vendorKey, inOneof, json, isTimestamp);
  }

  /** This field marked {@code omit_from_map}. */
  public FieldInfo omitFromMap() {
    return new FieldInfo(
        name, jsonName, legacyKey, number, kind, cardinality, mapKey, enumInfo, pii, true,
        vendorKey, inOneof, json, isTimestamp);
  }

  /** This field with its {@code vendor_key}. */
  public FieldInfo vendorKey(String key) {
    return new FieldInfo(
        name, jsonName, legacyKey, number, kind, cardinality, mapKey, enumInfo, pii, omitFromMap,
        key, inOneof, json, isTimestamp);
  }

  /** This field with the JSON forms chosen for it. */
  public FieldInfo json(FieldFormat format) {
    return new FieldInfo(
        name, jsonName, legacyKey, number, kind, cardinality, mapKey, enumInfo, pii, omitFromMap,
        vendorKey, inOneof, format, isTimestamp);
  }

  /** This field as a member of a oneof. */
  public FieldInfo oneof() {
    return new FieldInfo(
        name, jsonName, legacyKey, number, kind, cardinality, mapKey, enumInfo, pii, omitFromMap,
        vendorKey, true, json, isTimestamp);
  }

  /** This field as a {@code google.protobuf.Timestamp} field. */
  public FieldInfo timestamp() {
    return new FieldInfo(
        name, jsonName, legacyKey, number, kind, cardinality, mapKey, enumInfo, pii, omitFromMap,
        vendorKey, inOneof, json, true);
  }

  /** Whether an unset value is told apart from the default. */
  public boolean hasPresence() {
    return cardinality == Cardinality.OPTIONAL;
  }

  @Override
  public String toString() {
    return name + " = " + number;
  }
}
