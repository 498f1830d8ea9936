"""The words the page mode reads, per language: header labels and the words that mark decoys.

Interim: the header labels move to the shared per-language vocabulary (issue 10) when it lands,
and the decoy words beside them in the same records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class PageWords:
    """One language's words: labels by what they label, and the words of decoy lines."""

    author: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    copyright: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()


LANGUAGES: dict[str, PageWords] = {
    "en": PageWords(
        author=("by", "written by", "posted by", "author", "words by", "story by"),
        published=("published", "published on", "first published", "posted", "posted on", "date"),
        updated=("updated", "updated on", "last updated", "last updated on", "modified", "last modified"),
        copyright=("copyright", "all rights reserved"),
        joined=("joined", "member since", "registered", "join date"),
        related=(
            *("related", "related stories", "related articles", "related coverage", "related topics"),
            *("more on this story", "more from", "more stories", "most read", "most popular"),
            *("most viewed", "popular", "top stories", "trending", "recommended", "you may also like"),
            *("read more", "read next", "see also", "recent posts", "latest news", "latest"),
            *("further reading", "also in the news"),
        ),
        comments=(
            *("comments", "comment", "leave a reply", "leave a comment", "join the discussion"),
            *("thoughts on", "responses", "replies", "discussion"),
        ),
    ),
    "fr": PageWords(
        author=("par", "auteur", "auteure", "écrit par", "publié par"),
        published=("publié le", "publié", "mis en ligne le", "date"),
        updated=("mis à jour le", "mis à jour", "modifié le", "actualisé le"),
        copyright=("tous droits réservés",),
        joined=("inscrit le", "membre depuis", "inscription"),
        related=(
            *("sur le même sujet", "à lire aussi", "a lire aussi", "lire aussi", "les plus lus"),
            *("articles récents", "articles similaires", "dans la même rubrique", "voir aussi"),
        ),
        comments=("commentaires", "commentaire", "réagir", "laisser un commentaire", "réactions"),
    ),
    "es": PageWords(
        author=("por", "autor", "autora", "escrito por"),
        published=("publicado", "publicado el", "fecha"),
        updated=("actualizado", "actualizado el", "última actualización", "modificado"),
        copyright=("todos los derechos reservados",),
        joined=("miembro desde", "registrado", "fecha de registro"),
        related=(
            *("lo más visto", "lo más leído", "te puede interesar", "noticias relacionadas"),
            *("relacionados", "relacionadas", "también te puede interesar", "más noticias"),
        ),
        comments=("comentarios", "comentario", "deja un comentario"),
    ),
    "de": PageWords(
        author=("von", "autor", "autorin", "geschrieben von"),
        published=("veröffentlicht", "veröffentlicht am", "erschienen am", "datum"),
        updated=("aktualisiert", "aktualisiert am", "zuletzt aktualisiert", "geändert am"),
        copyright=("alle rechte vorbehalten",),
        joined=("dabei seit", "mitglied seit", "registriert seit", "registriert"),
        related=(
            *("mehr zum thema", "meistgelesen", "meistgelesene artikel", "das könnte sie auch interessieren"),
            *("weitere artikel", "verwandte artikel", "auch interessant", "lesen sie auch"),
        ),
        comments=("kommentare", "kommentar", "leserkommentare", "diskussion"),
    ),
    "it": PageWords(
        author=("di", "autore", "scritto da"),
        published=("pubblicato", "pubblicato il", "data"),
        updated=("aggiornato", "aggiornato il", "ultimo aggiornamento", "modificato il"),
        copyright=("tutti i diritti riservati",),
        joined=("iscritto dal", "membro dal", "registrato"),
        related=("leggi anche", "i più letti", "più letti", "articoli correlati", "potrebbe interessarti"),
        comments=("commenti", "commento", "lascia un commento"),
    ),
    "pt": PageWords(
        author=("por", "autor", "autora", "escrito por"),
        published=("publicado", "publicado em", "publicado a", "data"),
        updated=("atualizado", "atualizado em", "atualizado a", "última atualização"),
        copyright=("todos os direitos reservados",),
        joined=("membro desde", "registado", "registrado"),
        related=("mais lidas", "mais lidos", "leia também", "leia mais", "relacionados", "relacionadas"),
        comments=("comentários", "comentário", "deixe um comentário"),
    ),
    "ar": PageWords(
        author=("بقلم", "كتب", "كتبه", "الكاتب", "المؤلف"),
        published=("نشر في", "نشر", "تاريخ النشر", "نشر بتاريخ", "التاريخ"),
        updated=("آخر تحديث", "اخر تحديث", "تحديث", "تم التحديث"),
        copyright=("جميع الحقوق محفوظة", "حقوق النشر"),
        joined=("تاريخ التسجيل", "انضم", "عضو منذ"),
        related=("الأكثر قراءة", "الاكثر قراءة", "اقرأ أيضا", "اقرأ ايضا", "أخبار ذات صلة", "مواضيع ذات صلة"),
        comments=("تعليقات", "التعليقات", "أضف تعليقا"),
    ),
}


def starts_with_label(text: str) -> bool:
    """True when `text` starts with a header label of any language."""
    return label_pattern().match(text) is not None


@cache
def label_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for words in LANGUAGES.values():
        for kind in ("author", "published", "updated"):
            kinds.update(dict.fromkeys((label.casefold() for label in getattr(words, kind)), kind))
    return kinds


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


@cache
def label_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?P<label>{_alternatives(list(label_kinds()))})(?!\w)\s*:?\s*", re.IGNORECASE)


@cache
def copyright_pattern() -> re.Pattern[str]:
    words = [word for language in LANGUAGES.values() for word in language.copyright]
    return re.compile(rf"©|\(c\)\s*\d|(?<!\w)(?:{_alternatives(words)})(?!\w)", re.IGNORECASE)


@cache
def joined_pattern() -> re.Pattern[str]:
    words = [word for language in LANGUAGES.values() for word in language.joined]
    return re.compile(rf"(?<!\w)(?:{_alternatives(words)})(?!\w)\s*:?", re.IGNORECASE)
