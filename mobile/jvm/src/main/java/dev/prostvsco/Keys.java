package dev.prostvsco;

/**
 * Key and event-name rules, the same as the Rust runtime's {@code vendor::key}: a field's
 * segment, cleaning disallowed characters, and the checks on emptiness, first character,
 * reserved names and prefixes, and length.
 */
final class Keys {
  private Keys() {}

  /** Why a key or event name cannot be sent as it is. */
  enum Problem {
    EMPTY("is empty after removing disallowed characters"),
    BAD_START("does not start with a letter"),
    RESERVED("is reserved by the vendor"),
    TOO_LONG("is too long");

    final String text;

    Problem(String text) {
      this.text = text;
    }
  }

  /** A key after the rules. */
  static final class Check {
    String key;
    boolean rewritten;
    boolean truncated;
    Problem problem;
    /** For {@link Problem#TOO_LONG}: the length and the limit. */
    int len;
    int max;
  }

  /** The field's {@code vendor_key} as written, else its proto name in the profile's case. */
  static String segment(Profile p, String name, String vendorKey) {
    if (vendorKey != null) {
      return vendorKey;
    }
    switch (p.keyCase) {
      case SNAKE:
        return snake(name);
      case CAMEL:
        return camel(name);
      default:
        return name;
    }
  }

  static String snake(String name) {
    // Proto field names are snake_case: without an uppercase letter nothing changes (as in
    // the Rust runtime, which returns the name itself then).
    boolean upper = false;
    for (int i = 0; i < name.length() && !upper; ) {
      int c = name.codePointAt(i);
      upper = Character.isUpperCase(c);
      i += Character.charCount(c);
    }
    if (!upper) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length() + 4);
    int prev = -1;
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (Character.isUpperCase(c)
          && prev >= 0
          && (Character.isLowerCase(prev) || (prev >= '0' && prev <= '9'))) {
        out.append('_');
      }
      out.append(new String(Character.toChars(c)).toLowerCase(java.util.Locale.ROOT));
      prev = c;
      i += Character.charCount(c);
    }
    return out.toString();
  }

  static String camel(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = false;
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (c == '_') {
        upper = true;
      } else if (upper) {
        out.append(new String(Character.toChars(c)).toUpperCase(java.util.Locale.ROOT));
        upper = false;
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }
  static Check checkKey(Profile p, String raw) {
    Check c = clean(p, raw);
    return validate(p, c, p.reservedKeys, p.maxKeyLength);
  }

  /** {@link #checkKey} for a key made of clean parts. */
  static Check checkCleanKey(Profile p, String key) {
    Check c = new Check();
    c.key = key;
    return validate(p, c, p.reservedKeys, p.maxKeyLength);
  }

  static Check checkEventName(Profile p, String raw) {
    Check c = clean(p, raw);
    return validate(p, c, p.reservedEventNames, p.maxEventNameLength);
  }

  /** Every run of disallowed characters becomes one {@code _}; stripped leading characters go. */
  static Check clean(Profile p, String raw) {
    Check c = new Check();
    String key = raw;
    if (p.keyCharset == Profile.KeyCharset.WORD) {
      boolean allAllowed = true;
      for (int i = 0; i < key.length(); ) {
        int ch = key.codePointAt(i);
        if (!p.allows(ch)) {
          allAllowed = false;
          break;
        }
        i += Character.charCount(ch);
      }
      if (!allAllowed) {
        StringBuilder out = new StringBuilder(key.length());
        boolean inRun = false;
        for (int i = 0; i < key.length(); ) {
          int ch = key.codePointAt(i);
          if (p.allows(ch)) {
            out.appendCodePoint(ch);
            inRun = false;
          } else if (!inRun) {
            out.append('_');
            inRun = true;
          }
          i += Character.charCount(ch);
        }
        key = out.toString();
        c.rewritten = true;
      }
    }
    String strip = p.stripLeading;
    if (!strip.isEmpty() && !key.isEmpty() && strip.indexOf(key.codePointAt(0)) >= 0) {
      int i = 0;
      while (i < key.length() && strip.indexOf(key.codePointAt(i)) >= 0) {
        i += Character.charCount(key.codePointAt(i));
      }
      key = key.substring(i);
      c.rewritten = true;
    }
    c.key = key;
    return c;
  }

  private static boolean reserved(Profile p, java.util.List<String> names, String key) {
    if (names.contains(key)) {
      return true;
    }
    for (String prefix : p.reservedPrefixes) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static Check validate(Profile p, Check c, java.util.List<String> names, int max) {
    String key = c.key;
    if (key.isEmpty()) {
      c.problem = Problem.EMPTY;
    } else if (p.keyStartsWithLetter && !isAsciiLetter(key.charAt(0))) {
      c.problem = Problem.BAD_START;
    } else if (reserved(p, names, key)) {
      c.problem = Problem.RESERVED;
    } else if (max > 0) {
      int len = p.keyLengthUnit.length(key);
      if (len > max) {
        if (p.onViolation == Profile.OnViolation.TRUNCATE) {
          c.key = key.substring(0, p.keyLengthUnit.cut(key, max));
          c.truncated = true;
          if (c.key.isEmpty()) {
            c.problem = Problem.EMPTY;
          } else if (reserved(p, names, c.key)) {
            c.problem = Problem.RESERVED;
          }
        } else {
          c.problem = Problem.TOO_LONG;
          c.len = len;
          c.max = max;
        }
      }
    }
    return c;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
