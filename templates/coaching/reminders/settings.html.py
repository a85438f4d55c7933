BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'Reminder e-mails') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXX gettext(u'Breadcrumb') XX
        XXX XXXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Dashboard') XXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Reminder e-mails') XXXXX
        XXXXX
      XXXXXX
      XXX XXXXXXXXXXXXX gettext(u'Reminder e-mails') XXXXX
      XX XXXXXXXXXXXXX
        BB BBBBBBB gettext(u'You receive reminder e-mails.') BBBB gettext(u'You receive no reminder e-mails.') BBBBB
      XXXX
      XXX gettext(u'DigitalEES reminds the owner of an action a week before its due date and the day after it if it is still open, the participants of a coaching session or an intervision the day before, and each coach, on Monday mornings, of what their enterprises have due that week.') 
        SSSSSSSSSS SSSSSSS SSS SSSSS SS SS SSSSSS S SSSS SSSSSS SSS SSS SSSS SSS SSS SSS SSSSS
        SS SS SS SS SSSSS SSSSS SSS SSSSSSSSSSSS SS S SSSSSSSS SSSSSSS SS SS SSSSSSSSSSS SSS SSS
        SSSSSSS SSS SSSS SSSSSS SS SSSSSS SSSSSSSSS SS SSSS SSSSS SSSSSSSSSSS SSSS SSS SSSS SSSSS
      XXXX

      XXXX XXXXXXXXXXX XXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          XXXXX XXXXXXXXXXXXX XXXXXXXXXXX
            BBBBBBBBBB
            FFFFFF
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXX XXXXXX gettext(u'Save') XXXXXXXXX
          XXXXXXX
        XXXXXX
      XXXXXX
      XX XXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Follow your sessions, intervisions and due dates in your calendar') XXXXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
