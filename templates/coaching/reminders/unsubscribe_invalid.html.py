BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'This link cannot be used') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXX XXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          XXX XXXXXXXXX XXXXXX gettext(u'This link cannot be used') XXXXX
          XX XXXXXXXXXXXXX gettext(u'This link to turn reminder e-mails off is not valid. Check that you copied it whole, or log in to change your reminder settings.') XXXX
          XX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Your reminder settings') XXXX
        XXXXXX
      XXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
