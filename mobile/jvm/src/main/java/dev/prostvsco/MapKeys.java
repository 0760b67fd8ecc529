package dev.prostvsco;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Map entries in key order, as every output of the runtime writes them. */
final class MapKeys {
  private MapKeys() {}

  static Iterable<Map.Entry<?, ?>> sorted(Kind key, Map<?, ?> entries) {
    @SuppressWarnings("unchecked")
    Set<Map.Entry<?, ?>> set = (Set<Map.Entry<?, ?>>) (Set<?>) entries.entrySet();
    if (entries.size() < 2) {
      // Nothing to order: no copy (most maps of an event hold one entry or none).
      return set;
    }
    List<Map.Entry<?, ?>> list = new ArrayList<>(set);
    list.sort(Comparator.comparing(Map.Entry::getKey, comparator(key)));
    return list;
  }

  private static Comparator<Object> comparator(Kind key) {
    switch (key) {
      case STRING:
        // UTF-8 byte order (the Rust runtime's), not UTF-16 code unit order.
        return (a, b) -> compareUtf8((String) a, (String) b);
      case UINT32:
        return (a, b) -> Integer.compareUnsigned((Integer) a, (Integer) b);
      case UINT64:
        return (a, b) -> Long.compareUnsigned((Long) a, (Long) b);
      case BOOL:
        return (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
      case INT32:
        return (a, b) -> Integer.compare((Integer) a, (Integer) b);
      default:
        return (a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
  }

  static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // A surrogate (part of a character above U+FFFF) sorts after every other UTF-16
        // unit in UTF-8 order, U+E000..U+FFFF included.
        boolean sx = Character.isSurrogate(x);
        if (sx != Character.isSurrogate(y)) {
          return sx ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
