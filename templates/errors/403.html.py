BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Access denied') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXX XXXXXX
      XX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXX XXXXXX gettext(u'Error 403') XXXX
      XXX XXXXXXXXXXXXX gettext(u'You may not do this') XXXXX
      XX XXXXXXXXXXXXX gettext(u'Your account does not have the right to see this page or to make this change.') XXXX
      XXX gettext(u"If you think you should have access, ask your organisation's admin or the DigitalEES team.") XXXX
      XXXX XXXXXXXXXXXXX XXXXXXXXX XXXXXXX
        BB BBBBBBBBBBBBBBBBBBBBB
          XX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Go to your dashboard') XXXX
          XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to the home page') XXXX
        BBBB
          XX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Back to the home page') XXXX
          XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'Log in') XXXX
        BBBBB
      XXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
