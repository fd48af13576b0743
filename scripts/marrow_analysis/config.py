"""Reads the resolved configuration that every run file embeds (root attribute `config`, YAML
written by marrow's ResolvedConfig::to_yaml) into a flat {dotted.key: text} dict, without PyYAML:
the writer emits only nested mappings of plain or double-quoted scalars, which this parser covers.
Quantities keep their unit in the text ("30 um"); `split_quantity` separates number and unit."""
import re

_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r"}


def _unquote(text):
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        return text
    out, i, body = [], 0, text[1:-1]
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == "x" and i + 3 < len(body):
                out.append(chr(int(body[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def parse_config(yaml_text):
    """{"grid.nx": "16", "geometry.plate_thickness": "30 um", "description": "", ...}.
    Raises ValueError on a line it does not understand (sequences, flow style, block scalars)."""
    flat, stack = {}, []  # stack of (indent, key)
    for number, raw in enumerate(yaml_text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        m = re.match(r'^\s*("(?:[^"\\]|\\.)*"|[^:"]+):(?:\s+(.*))?$', line)
        if not m:
            raise ValueError(f"config line {number}: cannot read '{line.strip()}'")
        key, value = _unquote(m.group(1).strip()), m.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = ".".join([k for _, k in stack] + [key])
        if value is None or value.strip() == "":
            stack.append((indent, key))
            if value is not None:
                flat[path] = ""
            continue
        value = value.strip()
        if value and value[0] not in "\"'" and " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        if value.startswith(("[", "{", "|", ">", "- ")):
            raise ValueError(f"config line {number}: '{value}' is not a plain scalar")
        flat[path] = _unquote(value)
    # A key that opened a group but got no children and no value is an empty mapping: keep nothing.
    return flat


def split_quantity(text):
    """'30 um' -> (30.0, 'um'); '16' -> (16.0, ''); 'mouse' -> (None, 'mouse')."""
    m = re.match(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*)$", str(text))
    if not m:
        return None, str(text)
    return float(m.group(1)), m.group(2).strip()


def number(config, key, default=None):
    """The numeric part of a config value, or default when absent or not a number."""
    if key not in config:
        return default
    value, _ = split_quantity(config[key])
    return default if value is None else value
