"""ZIP archives (data packages and XLSX workbooks) opened without trusting them.

An archive is checked before anything is unpacked (number of members, unsafe paths,
declared sizes, compression ratio, encryption), and a member is read as a stream with a
cap, never past its declared size nor the upload's budget of unpacked bytes. Nothing is
ever extracted to a path taken from the archive.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from network.formats.upload_state import ReadState, megabytes
from network.model.limits import MB

#: Members smaller than this are not held to the compression-ratio limit (tiny files of
#: repeated characters compress very well and are harmless).
RATIO_FLOOR = 1 * MB
_CHUNK = 64 * 1024


class Budget:
    """Bytes an upload may still unpack, shared by every member read from it."""

    def __init__(self, left: int) -> None:
        self.left = left


def unsafe_path(name: str) -> bool:
    """Whether a member's path is absolute, has a drive, a NUL or a ``..`` part."""
    path = name.replace("\\", "/")
    return (path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or "\x00" in path
            or ".." in path.split("/"))


def open_zip(name: str, data: bytes, state: ReadState) -> zipfile.ZipFile:
    """Open an archive (a ZIP or an XLSX) after checking what it declares."""
    limits = state.limits
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, KeyError, IndexError):
        state.stop(name, "upload.zip_corrupt")
    if len(infos) > limits.max_files:
        state.stop(name, "upload.zip_too_many_files", count=len(infos), limit=limits.max_files)
    for info in infos:
        if unsafe_path(info.filename):
            state.stop(name, "upload.zip_unsafe_path", value=info.filename[:200])
    size = sum(info.file_size for info in infos)
    if size > limits.max_unzipped_bytes:
        state.stop(name, "upload.zip_too_large", size=megabytes(size),
                   limit=megabytes(limits.max_unzipped_bytes))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            state.stop(name, "upload.zip_bomb", value=info.filename[:200], ratio=int(ratio),
                       limit=limits.max_ratio)
        if info.flag_bits & 0x1:
            state.stop(name, "upload.zip_encrypted")
    return archive


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: Budget,
                  state: ReadState) -> Iterator[bytes]:
    """A member's bytes in chunks, never past what it declared or the budget."""
    read = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                budget.left -= len(chunk)
                if read > info.file_size or budget.left < 0:
                    state.stop(name, "upload.zip_too_large", size=f"> {megabytes(read)}",
                               limit=megabytes(state.limits.max_unzipped_bytes))
                yield chunk
    except RuntimeError:  # "File is encrypted, password required"
        state.stop(name, "upload.zip_encrypted")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            zlib.error):
        state.stop(name, "upload.zip_corrupt")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                budget: Budget, state: ReadState) -> bytes:
    """A member's bytes (see :func:`member_chunks` for the caps); ``name`` is the archive's."""
    return b"".join(member_chunks(archive, info, name, budget, state))
