"""Web pages saved as HTML: the article, without menus, headline lists and tag lists.

trafilatura is imported inside the reader: it alone costs about a third of a second, which a
corpus of plain text should not pay.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from .. import rules
from .decode import FileText, UnreadableFile, decode_unicode


def read_html(data: bytes) -> FileText:
    """The article of a web page, without menus, sidebars and footers; one paragraph a line."""
    import trafilatura

    try:
        markup: str | bytes = decode_unicode(data)
    except UnicodeDecodeError:
        markup = data  # a page in a legacy charset: trafilatura reads its declared charset
    options = dict(include_comments=False, include_tables=True, with_metadata=True)
    extracted = trafilatura.bare_extraction(markup, **options)
    if extracted is None or not (extracted.text or "").strip():
        # Short pages fall under the precision-first thresholds; ask again for recall.
        extracted = trafilatura.bare_extraction(markup, favor_recall=True, **options)
    if extracted is not None and is_front_page(extracted.url):
        raise UnreadableFile(f"a page of headlines (the front page of {urlsplit(extracted.url).netloc}), "
                             "not an article: save the page of each article to read it")
    text = without_tag_list((extracted.text if extracted else None) or "").strip()
    title = ((extracted.title if extracted else None) or "").strip() or None
    if not text or text == title:  # a menu page gives back its title alone
        raise UnreadableFile("an HTML page in which no article text was found (a menu page, or one built by JavaScript?)")
    if title and not title.startswith(text.split("\n", 1)[0]):
        # as a news text reads: headline, then body (unless the body starts with the headline
        # that the page's title repeats before the site's name: ``Headline - Section - Site``)
        text = f"{title}\n{text}"
    author = (extracted.author or "").strip()
    if author and author not in text:
        text = f"{text}\n{author}"  # the byline, which trafilatura moves into its metadata
    return FileText(text, title)


def html_pages() -> dict:
    return rules.load("ingest/html_pages")


def is_front_page(url: str | None) -> bool:
    """A site's home page by its own address (``rules/ingest/html_pages.yml``): a list of headlines."""
    if not url or "://" not in url:
        return False
    address = urlsplit(url)
    return not address.query and address.path in html_pages()["front_page_paths"]


def without_tag_list(text: str) -> str:
    """The article without the list of tags that ends it (``rules/ingest/html_pages.yml``)."""
    rule = html_pages()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        words = line.strip().lstrip("-•* ").split()
        heading = " ".join(words).split(":", 1)[0].strip()
        if heading not in rule["tag_list_headings"]:
            continue
        tail = [line.lstrip("-•* ").split() for line in lines[index:]]
        if all(len(tag) <= rule["tag_max_words"] for tag in tail[1:]) and (len(tail) > 1 or ":" in line):
            return "\n".join(lines[:index])
    return text
