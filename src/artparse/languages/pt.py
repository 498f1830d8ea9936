"""Portuguese."""

from artparse.languages.language import Language, PageWords, Relative

LANGUAGE = Language(
    code="pt",
    page=PageWords(
        copyright=("todos os direitos reservados",),
        joined=("membro desde", "registado", "registrado"),
        related=("mais lidas", "mais lidos", "leia também", "leia mais", "relacionados", "relacionadas"),
        comments=("deixe seu comentário",),
    ),
    labels={
        "author": ("por", "escrito por", "publicado por", "autor", "autora", "autores"),
        "published": (
            "publicado",
            "publicado em",
            "publicada em",
            "data:",
            "data de publicação",
            "criado em",
        ),
        "updated": (
            *("atualizado", "atualizado em", "atualizada em", "actualizado em", "última atualização"),
            "modificado em",
        ),
        "visits": ("visitas", "visualizações", "leituras"),
        "comments": ("comentários", "comentário", "deixe um comentário", "deixe um comentario"),
        "reading_time": ("min de leitura", "minutos de leitura", "tempo de leitura"),
        "category": ("categoria", "categorias", "seção", "secção", "editoria", "arquivado em", "em:"),
        "tags": ("etiquetas", "palavras-chave", "tópicos", "temas"),
        "share": ("compartilhar", "compartilhe", "partilhar", "partilhe"),
    },
    by=("por",),
    on=("em",),
    and_words=("e",),
    particles=("de", "da", "do", "das", "dos", "e"),
    roles=("correspondente", "repórter", "jornalista", "redator", "redatora", "enviado especial"),
    months=(
        ("janeiro",),
        ("fevereiro", "fev"),
        ("março",),
        ("abril",),
        ("maio",),
        ("junho",),
        ("julho",),
        ("agosto",),
        ("setembro",),
        ("outubro",),
        ("novembro",),
        ("dezembro",),
    ),
    weekdays=(
        ("segunda-feira", "segunda"),
        ("terça-feira", "terca-feira", "terça"),
        ("quarta-feira", "quarta"),
        ("quinta-feira", "quinta"),
        ("sexta-feira", "sexta"),
        ("sábado", "sabado"),
        ("domingo",),
    ),
    dropped=("de", "às"),
    relative=Relative(
        units={
            "second": ("segundo", "segundos"),
            "minute": ("minuto", "minutos"),
            "hour": ("hora", "horas"),
            "day": ("dia", "dias"),
            "week": ("semana", "semanas"),
            "month": ("mês", "meses"),
            "year": ("ano", "anos"),
        },
        before=("há",),
        after=("atrás",),
        numbers={
            **dict.fromkeys(("um", "uma"), 1),
            **dict.fromkeys(("dois", "duas"), 2),
            **{
                n: i
                for i, n in enumerate(("três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez"), 3)
            },
        },
        days={"hoje": 0, "ontem": 1, "anteontem": 2},
        now=("agora", "agora mesmo"),
        at=("às",),
    ),
    share_words=("imprimir",),
)
