"""What is printed (the brief, cards), drawn for both the window and the command line.

Qt's painting and PDF classes (QtGui, QtPrintSupport), never its widgets: ``rapport brief
--pdf`` and ``rapport note --pdf`` use these modules without importing ui/.
"""
