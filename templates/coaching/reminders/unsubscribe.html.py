BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Turn reminder e-mails off') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXX XXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          BB BBBBBBB
            XXX XXXXXXXXX XXXXXX gettext(u'Turn reminder e-mails off?') XXXXX
            XX XXXXXXXXXXXXX gettext(u'DigitalEES will stop sending reminders to <strong>%(email)s</strong>: actions due, sessions and intervisions coming, weekly digest.') 
              SSSSSSSSSS SSSS SSSS SSSSSSS SSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSS SSSSSSS SSSS
              SSSSSSSS SSS SSSSSSSSSSSS SSSSSSS SSSSSS SSSSSSS
            XXXX
            XXX gettext(u"Other e-mails (invitations, reports, the programme's decisions) are sent either way.") XXXX
            XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBX XXXXXXXXXXXXX XXXXXXXXX XXXXXXX
              BBBBBBBBBB
              XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX gettext(u'Turn reminders off') XXXXXXXXX
              XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBXX gettext(u'Cancel') XXXX
            XXXXXXX
          BBBB
            XXX XXXXXXXXX XXXXXX gettext(u'Reminder e-mails are off') XXXXX
            XX XXXXXXXXXXXXX gettext(u'DigitalEES sends no more reminders to <strong>%(email)s</strong>.') 
              SSSSSSSSSS SSSSS SS SSSS SSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSS
            XXXX
            XXX gettext(u'You can turn them back on at any time from your account.') XXXX
            XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBXXBB BBBBBBBBBBB gettext(u'Your reminder settings') BBBB gettext(u'Log in to change your reminder settings') BBBBBXXXX
          BBBBB
        XXXXXX
      XXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
