BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Your coaching calendar') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXX gettext(u'Breadcrumb') XX
        XXX XXXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Dashboard') XXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Calendar') XXXXX
        XXXXX
      XXXXXX
      XXX XXXXXXXXXXXXX gettext(u'Your coaching calendar') XXXXX
      XX XXXXXXXXXXXXX gettext(u'Follow your coaching sessions, intervisions and the due dates of your actions in the calendar you already use: it reads them from a secret address and keeps them up to date.') XXXX

      XXXX XXXXXXXXXXX XXXXXXXXX XXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          BB BBBB
            XXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXX gettext(u"Your calendar's secret address") XXXXXXXX
            XXXXXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
            XX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Select the address and copy it. Keep it to yourself: whoever has it can read your calendar.') XXXX
            XXXXX XXXXXXXX gettext(u'Open it in your calendar program') XXXXXXXX

            XXX XXXXXXXXX XXXXXX gettext(u'Adding it to your calendar') XXXXX
            XXX XXXXXXXXXXXXX
              XXXXXXXXXXXXXXXX
              XXXX gettext(u'Calendar, Add calendar, Subscribe from web: paste the address, then Import.') XXXXX
              XXXX gettext(u'Google Calendar') XXXXX
              XXXX gettext(u'Other calendars, +, From URL: paste the address, then Add calendar.') XXXXX
              XXXXXXXXXXXXXXXXXXXX
              XXXX gettext(u'Calendar, New Calendar, On the Network: paste the address as its location.') XXXXX
            XXXXX
          BBBB
            XXX gettext(u'You have no calendar address yet.') XXXX
            XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBXX
              BBBBBBBBBB
              XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX gettext(u'Create my calendar address') XXXXXXXXX
            XXXXXXX
          BBBBB
        XXXXXX
      XXXXXX

      BB BBBB
        XXXX XXXXXXXXXXX XXXXXXXXXXX
          XXXX XXXXXXXXXXXXXXXX XXXXX
            XXX XXXXXXXXXXX gettext(u'Renew the address') XXXXX
            XXX gettext(u'If the address was shared by mistake, renew it: the present address stops working at once, and you add the new one to your calendar.') XXXX
            XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBXX
              BBBBBBBBBB
              XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX gettext(u'Renew the address') XXXXXXXXX
            XXXXXXX
          XXXXXX
        XXXXXX
      BBBBB
      XX XXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Reminder e-mails') XXXXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
