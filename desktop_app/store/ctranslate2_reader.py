"""Read the variables of a CTranslate2 `model.bin` (binary format version 6) without CTranslate2.

Layout: uint32 version, spec name, uint32 revision, uint32 variable count; then per variable its name,
uint8 rank, uint32 dims, uint8 dtype code, uint32 byte count and the data; then an alias table.
Strings are a uint16 length followed by that many bytes, the last one NUL.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from desktop_app.core.i18n import arg, tr

SUPPORTED_VERSION = 6
_DTYPES: dict[int, np.dtype] = {
    0: np.dtype(np.float32),
    1: np.dtype(np.int8),
    2: np.dtype(np.int16),
    3: np.dtype(np.int32),
    4: np.dtype(np.float16),
    5: np.dtype(np.uint16),  # bfloat16 bits; widened by `as_float32`
}
BFLOAT16_CODE = 5


class CTranslate2FormatError(ValueError):
    pass


@dataclass(frozen=True)
class CTranslate2Model:
    spec: str
    revision: int
    variables: dict[str, np.ndarray]
    bfloat16: frozenset[str]  # names whose arrays hold raw bfloat16 bits

    def get(self, name: str) -> np.ndarray:
        try:
            return self.variables[name]
        except KeyError:
            raise CTranslate2FormatError(arg(tr("the model has no variable '%1'"), name)) from None

    def as_float32(self, name: str) -> np.ndarray:
        array = self.get(name)
        if name in self.bfloat16:
            return (array.astype(np.uint32) << 16).view(np.float32)
        return array.astype(np.float32)

    def scalar(self, name: str) -> int:
        return int(self.get(name).reshape(-1)[0])


def read_ctranslate2(buffer: bytes | memoryview) -> CTranslate2Model:
    view = memoryview(buffer)
    offset = 0

    def unpack(fmt: str) -> int:
        nonlocal offset
        try:
            (value,) = struct.unpack_from(fmt, view, offset)
        except struct.error as exc:
            raise CTranslate2FormatError(tr("the file ends too early")) from exc
        offset += struct.calcsize(fmt)
        return int(value)

    def string() -> str:
        nonlocal offset
        length = unpack("<H")
        raw = bytes(view[offset : offset + length])
        offset += length
        return raw.rstrip(b"\0").decode("utf-8")

    version = unpack("<I")
    if version != SUPPORTED_VERSION:
        raise CTranslate2FormatError(
            arg(tr("binary format version %1 is not supported (need %2)"), version, SUPPORTED_VERSION)
        )
    spec = string()
    revision = unpack("<I")
    variables: dict[str, np.ndarray] = {}
    bfloat16: set[str] = set()
    for _ in range(unpack("<I")):
        name = string()
        dims = [unpack("<I") for _ in range(unpack("<B"))]
        code = unpack("<B")
        nbytes = unpack("<I")
        if code not in _DTYPES:
            raise CTranslate2FormatError(arg(tr("unknown dtype code %1 for '%2'"), code, name))
        dtype = _DTYPES[code]
        if offset + nbytes > len(view) or nbytes != int(np.prod(dims, dtype=np.int64)) * dtype.itemsize:
            raise CTranslate2FormatError(arg(tr("variable '%1' has an inconsistent size"), name))
        variables[name] = np.frombuffer(view, dtype=dtype, count=nbytes // dtype.itemsize, offset=offset).reshape(dims)
        if code == BFLOAT16_CODE:
            bfloat16.add(name)
        offset += nbytes
    if offset < len(view):
        for _ in range(unpack("<I")):
            alias, target = string(), string()
            if target in variables:
                variables[alias] = variables[target]
    return CTranslate2Model(spec, revision, variables, frozenset(bfloat16))
