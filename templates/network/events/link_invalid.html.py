BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'This link does not work') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXX gettext(u'This link does not work') XXXXX
      XX XXXXXXXXXXXXX gettext(u'It is incomplete, was changed, or has expired. Nothing was changed.') XXXX
      XXX gettext(u"Copy the whole link from the e-mail, or register again from the event's page.") XXXX
      XXXXX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBXX gettext(u'See the events') XXXXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
