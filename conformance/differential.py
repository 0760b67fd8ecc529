"""Google's side of the JSON differential test (see src/bin/json_differential.rs).

differential.py compare DESCRIPTORS CASES RESULTS
    For each case (a message type, its binary encoding, and prost-vsco's JSON under each option
    pair), encode the binary with json_format under the same options and compare the two as
    parsed JSON; also parse prost-vsco's JSON and compare the message with the original.
    Writes json_format's JSON of each case to RESULTS.

differential.py check-decoded DESCRIPTORS DECODED
    For each case, compare the messages prost-vsco decoded from json_format's JSON with the
    original.

Prints a JSON summary ({"compared": n, "mismatches": m}) on stdout and each mismatch on stderr.
"""

import base64
import json
import math
import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, empty_pb2, json_format, message_factory

# (preserving_proto_field_name, use_integers_for_enums, always_print_fields_with_no_presence),
# in the order json_differential.rs lists them.
COMBOS = [(n, e, d) for n in (False, True) for e in (False, True) for d in (False, True)]


def load_pool(path):
    fds = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as f:
        fds.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in fds.file:
        try:
            pool.Add(file)
        except TypeError:  # already known (the well-known types are built in)
            pass
    # Any may hold Empty, which the schemas do not import.
    if empty_pb2.DESCRIPTOR.name not in {f.name for f in fds.file}:
        pool.AddSerializedFile(empty_pb2.DESCRIPTOR.serialized_pb)
    return pool


def message_class(pool, name):
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(name))


def same(a, b):
    """Parsed-JSON equality; floats may differ only by rounding to float32."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if a == b:
            return True
        try:
            return struct.pack("<f", a) == struct.pack("<f", b)
        except (OverflowError, struct.error):
            return False
    return a == b


def first_difference(a, b, path="$"):
    """The path of the first place where a and b differ, with both values there."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: {a.get(k, '<missing>')!r} vs {b.get(k, '<missing>')!r}"
            if not same(a[k], b[k]):
                return first_difference(a[k], b[k], f"{path}.{k}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if not same(x, y):
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {a!r} vs {b!r}"


def canonical(msg, pool):
    return json.loads(json_format.MessageToJson(msg, descriptor_pool=pool))


def main():
    mode, descriptors = sys.argv[1], sys.argv[2]
    pool = load_pool(descriptors)
    compared = mismatches = 0

    def mismatch(what, case_type, detail):
        nonlocal mismatches
        mismatches += 1
        print(f"MISMATCH {what} ({case_type}): {detail}", file=sys.stderr)

    if mode == "compare":
        cases_path, results_path = sys.argv[3], sys.argv[4]
        with open(cases_path) as cases, open(results_path, "w") as results:
            for line in cases:
                case = json.loads(line)
                cls = message_class(pool, case["type"])
                original = cls.FromString(base64.b64decode(case["binary"]))
                theirs_all = []
                for (names, numbers, defaults), ours in zip(COMBOS, case["ours"]):
                    theirs = json_format.MessageToJson(
                        original,
                        preserving_proto_field_name=names,
                        use_integers_for_enums=numbers,
                        always_print_fields_with_no_presence=defaults,
                        descriptor_pool=pool,
                    )
                    theirs_all.append(theirs)
                    compared += 1
                    if ours is None:
                        mismatch("encode", case["type"], "prost-vsco could not encode")
                        continue
                    if not same(json.loads(ours), json.loads(theirs)):
                        mismatch(
                            "encode",
                            case["type"],
                            f"options {(names, numbers, defaults)}: ours vs theirs at "
                            + first_difference(json.loads(ours), json.loads(theirs)),
                        )
                    try:
                        parsed = json_format.Parse(ours, cls(), descriptor_pool=pool)
                    except json_format.ParseError as e:
                        mismatch("python decoding ours", case["type"], f"{e}\n  ours: {ours}")
                        continue
                    if not same(canonical(parsed, pool), canonical(original, pool)):
                        mismatch(
                            "python decoding ours",
                            case["type"],
                            first_difference(canonical(parsed, pool), canonical(original, pool)),
                        )
                results.write(json.dumps({"theirs": theirs_all}) + "\n")
    elif mode == "check-decoded":
        with open(sys.argv[3]) as decoded:
            for line in decoded:
                case = json.loads(line)
                cls = message_class(pool, case["type"])
                original = canonical(cls.FromString(base64.b64decode(case["binary"])), pool)
                for combo, binary in zip(COMBOS, case["decoded"]):
                    compared += 1
                    if binary is None:
                        mismatch("decode", case["type"], f"prost-vsco could not decode {combo}")
                        continue
                    ours = canonical(cls.FromString(base64.b64decode(binary)), pool)
                    if not same(ours, original):
                        mismatch("decode", case["type"], f"{combo}: " + first_difference(ours, original))
    else:
        sys.exit(f"unknown mode {mode}")
    print(json.dumps({"compared": compared, "mismatches": mismatches}))


if __name__ == "__main__":
    main()
