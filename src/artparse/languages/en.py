"""English."""

from artparse.languages.language import Language, PageWords, Relative

LANGUAGE = Language(
    code="en",
    page=PageWords(
        copyright=("copyright", "all rights reserved"),
        joined=("joined", "member since", "registered", "join date"),
        related=(
            *("related", "related stories", "related articles", "related coverage", "related topics"),
            *("more on this story", "more from", "more stories", "most read", "most popular"),
            *("most viewed", "popular", "top stories", "trending", "recommended", "you may also like"),
            *("read more", "read next", "see also", "recent posts", "latest news", "latest"),
            *("further reading", "also in the news"),
        ),
        comments=("leave a reply", "join the discussion", "thoughts on", "discussion"),
    ),
    labels={
        "author": (
            *("by", "posted by", "written by", "words by", "story by", "reporting by", "text by"),
            *("author", "authors", "written by:", "contributor", "submitted by"),
        ),
        "published": (
            *("published", "published on", "published at", "posted", "posted on", "first published"),
            *("first published on", "publication date", "date published", "created", "created on", "date:"),
        ),
        "updated": (
            *("updated", "updated on", "updated at", "last updated", "last updated on", "modified"),
            *("modified on", "last modified", "last modified on", "edited", "last edited", "date modified"),
        ),
        "visits": ("visits", "views", "hits", "reads", "readers", "page views", "pageviews"),
        "comments": ("comments", "comment", "responses", "replies", "leave a comment", "no comments"),
        "reading_time": (
            *("min read", "mins read", "minute read", "minutes read", "min. read", "reading time"),
            "read time",
        ),
        "category": ("category", "categories", "filed under", "posted in", "section:", "in:", "topic:"),
        "tags": ("tags", "tagged", "tagged with", "tagged as", "keywords", "topics"),
        "share": ("share", "share this", "share on", "share this article", "share this story", "share via"),
    },
    by=("by",),
    on=("on",),
    and_words=("and", "&"),
    particles=("of", "the", "van", "von", "de", "la", "le", "bin", "ibn", "al", "el", "for"),
    roles=(
        *("correspondent", "reporter", "staff writer", "senior writer", "editor", "contributor"),
        *("columnist", "contributing writer", "staff reporter", "news editor"),
    ),
    months=(
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may",),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ),
    weekdays=(
        ("mon", "monday"),
        ("tue", "tues", "tuesday"),
        ("wed", "wednesday"),
        ("thu", "thur", "thurs", "thursday"),
        ("fri", "friday"),
        ("sat", "saturday"),
        ("sun", "sunday"),
    ),
    am=("am", "a.m."),
    pm=("pm", "p.m."),
    relative=Relative(
        units={
            "second": ("s", "sec", "secs", "second", "seconds"),
            "minute": ("m", "min", "mins", "minute", "minutes"),
            "hour": ("h", "hr", "hrs", "hour", "hours"),
            "day": ("d", "day", "days"),
            "week": ("w", "wk", "wks", "week", "weeks"),
            "month": ("mo", "mos", "month", "months"),
            "year": ("y", "yr", "yrs", "year", "years"),
        },
        after=("ago",),
        about=("about", "around"),
        numbers={
            **dict.fromkeys(("a", "an", "one"), 1),
            **{
                n: i
                for i, n in enumerate(
                    ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 2
                )
            },
        },
        days={"today": 0, "yesterday": 1, "day before yesterday": 2, "the day before yesterday": 2},
        now=("just now", "right now", "now", "moments ago", "a moment ago"),
        at=("at",),
    ),
    share_words=("email", "e-mail", "print", "copy link", "comment"),
    day_first=False,  # 03/04/2021 is 4 March on US sites and 3 April on British ones: --dayfirst decides
)
