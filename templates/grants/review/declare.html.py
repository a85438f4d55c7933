BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'Declaration of conflicts of interest')  X BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXX gettext(u'Breadcrumb') XX
        XXX XXXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBXX pgettext(u'grant review', u'My reviews') XXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXX
        XXXXX
      XXXXXX
      XXX XXXXXXXXXXXXX gettext(u'Declaration of conflicts of interest') XXXXX
      XX XXXXXXXXXXXXX gettext(u'You are asked to review the application %(reference)s (“%(title)s”) of %(organisation)s.') SSS SSS SSSSS SS SSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSXXXX
      XXX gettext(u'Before you read it, say whether you have a conflict of interest: a personal, professional or financial link with this organisation or this project (you work or worked for it, sit on its board, are a supplier in its budget, are close to one of its leaders…). With a conflict, you are taken off this application and agency staff are told.') XXXX
      XXXX XXXXXXXXXXX XXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          XXXXX XXXXXXXXXXXXX XXXXXXXXXXX
            BBBBBBBBBB
            FFFFFF
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX gettext(u'Send my declaration') XXXXXXXXX
          XXXXXXX
        XXXXXX
      XXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
