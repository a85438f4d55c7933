BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBB gettext(u'Thank you for taking part in “%(event_title)s”. Your certificate of attendance is attached, as a PDF.') SSSSS SSS SSS SSSSSS SSSS SS SSSSSSSSSSSSSSSSSS SSSS SSSSSSSSSSS SS SSSSSSSSSS SS SSSSSSSSS SS S SSSS

 gettext(u'You can download it again here:') 


BBBBBBBB BBBB
