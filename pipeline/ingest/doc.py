"""Old Word (``.doc``) files, read by the antiword program."""
from __future__ import annotations

import shutil
import subprocess
import tempfile

from .decode import FileText, UnreadableFile


ANTIWORD_TIMEOUT_SECONDS = 120


def read_doc(data: bytes) -> FileText:
    """An old Word file (Word 2 to 2003, ``.doc``) as antiword reads it, one paragraph a line.

    No Python library reads these; antiword (a small Debian package, installed by ``make
    setup`` where apt is available) does. Its UTF-8 output of a file typed in the TCVN3 or VNI
    fonts is Latin-1 mojibake, which ``without_mojibake`` reads as Vietnamese like any other.
    """
    antiword = shutil.which("antiword")
    if antiword is None:
        raise UnreadableFile("an old Word (.doc) file, and antiword, which reads them, is not installed: "
                             "install it (`apt-get install antiword`, or `make setup`) or save the file as .docx")
    with tempfile.NamedTemporaryFile(suffix=".doc") as copy:
        copy.write(data)
        copy.flush()
        try:
            done = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", copy.name], capture_output=True,
                                  timeout=ANTIWORD_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise UnreadableFile(f"antiword took over {ANTIWORD_TIMEOUT_SECONDS} s on this .doc file: save it as .docx") from None
    said = done.stderr.decode("utf-8", errors="replace").replace(copy.name, "the file").strip()
    if done.returncode != 0:
        raise UnreadableFile(f"not an old Word file antiword can read ({said or f'exit status {done.returncode}'}): save it as .docx")
    lines = (line.strip() for line in done.stdout.decode("utf-8", errors="replace").split("\n"))
    return FileText("\n".join(line for line in lines if line))
