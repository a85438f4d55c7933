BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u"The network's newsletter") BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXX gettext(u"The network's newsletter") XXXXX
      XX XXXXXXXXXXXXX gettext(u'Once a month, the experiences that social-economy enterprises shared and the events coming up. Nothing else, and you can unsubscribe in one click from every issue.') XXXX

      XXXX XXXXXXXXXXX XXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBX XXXXXXXXXXX
            BBBBBBBBBB
            FFFFFF
            XX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX gettext(u'You will receive a message with a link to confirm your subscription: nothing is sent to you before you confirm. Your address serves only this newsletter.') XXXX
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX gettext(u'Subscribe') XXXXXXXXX
          XXXXXXX
        XXXXXX
      XXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
