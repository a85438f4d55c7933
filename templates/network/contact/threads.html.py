BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'Conversations with other organisations') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXX XXXXXXXXXXXXX gettext(u'Conversations with other organisations') XXXXX
  XX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX gettext(u'The messages you wrote to other organisations of the directory, and those written to your organisations.') XXXX

  XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXXXX XXXXXXXXX XXXXXX
       ngettext(u'%(counter)s conversation', u'%(counter)s conversations', count) 
        SSSSSSSSSSS SSSSSSSSSSSS
      
        PPPPPPPPPPP PPPPPPPPPPPPP
      
    XXXXX
    BB BBBBBBBBBBBBBBBB
       _("Conversations") 
        XXXXXX XXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXX
          XXXXXXXXX gettext(u'Conversations, the most recent first') XXXXXXXXXX
          XXXXXXX
            XXXX
              XXX XXXXXXXXXXXX gettext(u'Subject') XXXXX
              XXX XXXXXXXXXXXX gettext(u'From') XXXXX
              XXX XXXXXXXXXXXX gettext(u'To') XXXXX
              XXX XXXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'Messages') XXXXX
              XXX XXXXXXXXXXXX gettext(u'Last message') XXXXX
              XXX XXXXXXXXXXXX gettext(u'Answered') XXXXX
            XXXXX
          XXXXXXXX
          XXXXXXX
            BBB BBBBBB BB BBBBBBBBBBBBBBBB
              XXXX
                XXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBXXXXXXXXXXX
                XXXXBB BBBBBBBBBBBBBBBB BB BBBBBBB XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'you') XXXXXXXXBBBBBXXXXX
                XXXXXXXXX
                XXX XXXXXXXXXXXXXXXXXXXXXX
                XXXXBB BBBBBBBBBBBBBBBBBBBBBBXXXXX XXXXXXXXXXFFFFFFFFFFFFFXXFFFFFFF F FF FFFFXXXXXXXBBBBBXXXXX
                XXXXBB BBBBBBBBBBBBBBBBB gettext(u'Yes') BBBB gettext(u'Not yet') BBBBBXXXXX
              XXXXX
            BBBBBB
          XXXXXXXX
        XXXXXXXX
      BBBBBBBBBBBBBBBB
       gettext(u'Pages of conversations') BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBB
    BBBB
      XX XXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'No conversation yet. To write to an organisation, open its profile in the directory.') XXXX
      XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBXX gettext(u'Directory of enterprises') XXXX
    BBBBB
  XXXXXXXXXX
BBBBBBBB BBBBBBB
